import { DIGEST_ALERT_TYPE, TEST_ALERT_TYPE, type AlertEventType, type IntegrationAlertType } from './alert.enums.js';

/**
 * What an alert says. The webhook body is the payload as JSON (CONTRACT §6:
 * `{"type", "timestamp", "data": {"customerId", "integrationId", "message", …}}`); the e-mail is written
 * from the same payload, so both channels say the same thing.
 */
export interface DigestReason {
  reason: string;
  count: number;
}
export interface DigestItem {
  reference: string;
  customerId: string;
  customerName: string;
  integrationId: string;
  integrationName: string;
  reason: string;
  since: string;
}

export interface AlertData {
  customerId: string | null;
  integrationId: string | null;
  /** what happened, in one or two plain sentences */
  message: string;
  customerName: string | null;
  integrationName: string | null;
  /** what to do about it */
  action: string;
  /** where to look in the console */
  url: string;
  /** shipments.need_attention only */
  total?: number;
  reasons?: DigestReason[];
  items?: DigestItem[];
}

export interface AlertPayload {
  type: AlertEventType;
  timestamp: string;
  data: AlertData;
}

export interface IntegrationFacts {
  customerId: string;
  customerName: string;
  integrationId: string;
  integrationName: string;
  lastSyncedAt: Date | null;
}

const SUBJECTS: Record<IntegrationAlertType, (f: IntegrationFacts) => string> = {
  'integration.credentials_rejected': (f) => `Unleashed refused the credentials of ${f.integrationName} (${f.customerName})`,
  'integration.quota_exhausted': (f) => `${f.integrationName} (${f.customerName}) has used up its Unleashed API quota`,
  'integration.overdue': (f) => `${f.integrationName} (${f.customerName}) has not synced on time`,
  'integration.recovered': (f) => `${f.integrationName} (${f.customerName}) is syncing again`,
};

function integrationMessage(type: IntegrationAlertType, f: IntegrationFacts): { message: string; action: string } {
  const which = `integration "${f.integrationName}" of ${f.customerName}`;
  switch (type) {
    case 'integration.credentials_rejected':
      return {
        message: `Unleashed refused the stored API ID and key of ${which}. Orders are not being sent to CartonCloud and dispatches are not written back until the credentials are replaced.`,
        action: 'Open the integration in Conveyor and enter a valid Unleashed API ID and key (setup step 2). Unleashed shows them under Integration → Unleashed API Access.',
      };
    case 'integration.quota_exhausted':
      return {
        message: `${capitalise(which)} has used up its Unleashed API quota: Unleashed refuses further calls until the quota resets.`,
        action: 'Nothing is lost: the integration catches up by itself once Unleashed accepts calls again. If this happens often, ask Unleashed about the account’s API limits or reduce other apps’ use of its API.',
      };
    case 'integration.overdue':
      return {
        message: `${capitalise(which)} has not completed a sync on time (last successful sync: ${f.lastSyncedAt ? f.lastSyncedAt.toISOString() : 'never'}).`,
        action: 'Open the integration to see its latest runs and errors. If every integration is late, check that Conveyor’s workers are running.',
      };
    case 'integration.recovered':
      return { message: `${capitalise(which)} is syncing normally again.`, action: 'Nothing to do: this closes the earlier alert.' };
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function integrationPayload(type: IntegrationAlertType, facts: IntegrationFacts, at: Date, consoleUrl: string, detail?: string | null): AlertPayload {
  const { message, action } = integrationMessage(type, facts);
  return {
    type,
    timestamp: at.toISOString(),
    data: {
      customerId: facts.customerId,
      integrationId: facts.integrationId,
      message: detail ? `${message} ${detail}` : message,
      customerName: facts.customerName,
      integrationName: facts.integrationName,
      action,
      url: `${consoleUrl}/integrations/${facts.integrationId}`,
    },
  };
}

export function testPayload(customer: { id: string; name: string } | null, at: Date, consoleUrl: string): AlertPayload {
  return {
    type: TEST_ALERT_TYPE,
    timestamp: at.toISOString(),
    data: {
      customerId: customer?.id ?? null,
      integrationId: null,
      message: `This is a test alert from Conveyor for ${customer ? customer.name : 'every customer'}. Real alerts say what happened to which integration and what to do.`,
      customerName: customer?.name ?? null,
      integrationName: null,
      action: 'Nothing to do: it shows this subscription works.',
      url: `${consoleUrl}/alerts`,
    },
  };
}

export function digestPayload(
  scope: { id: string; name: string } | null,
  summary: { total: number; reasons: DigestReason[]; items: DigestItem[] },
  at: Date,
  consoleUrl: string,
): AlertPayload {
  const listed = summary.items.length < summary.total ? ` (the first ${summary.items.length} are listed)` : '';
  const counts = summary.reasons.map((r) => `${r.reason}: ${r.count}`).join('; ');
  return {
    type: DIGEST_ALERT_TYPE,
    timestamp: at.toISOString(),
    data: {
      customerId: scope?.id ?? null,
      integrationId: null,
      message: `${summary.total} shipment${summary.total === 1 ? '' : 's'}${scope ? ` of ${scope.name}` : ''} newly need${summary.total === 1 ? 's' : ''} attention — ${counts}${listed}.`,
      customerName: scope?.name ?? null,
      integrationName: null,
      action: 'Open the needs-attention inbox, fix each cause (for example add the missing product in CartonCloud or map the warehouse) and retry the shipments.',
      url: `${consoleUrl}/attention`,
      total: summary.total,
      reasons: summary.reasons,
      items: summary.items,
    },
  };
}

/** The e-mail subject of a payload. */
export function subjectOf(payload: AlertPayload): string {
  const d = payload.data;
  if (payload.type === TEST_ALERT_TYPE) return '[Conveyor] Test alert';
  if (payload.type === DIGEST_ALERT_TYPE) return `[Conveyor] ${d.total ?? 0} shipment${d.total === 1 ? '' : 's'} need${d.total === 1 ? 's' : ''} attention${d.customerName ? ` (${d.customerName})` : ''}`;
  const facts = { customerName: d.customerName ?? '', integrationName: d.integrationName ?? '' } as IntegrationFacts;
  return `[Conveyor] ${SUBJECTS[payload.type](facts)}`;
}

/** The plain-text body: what happened, to which integration of which customer, and what to do. */
export function textOf(payload: AlertPayload): string {
  const d = payload.data;
  const lines = [d.message, ''];
  if (d.customerName) lines.push(`Customer: ${d.customerName}`);
  if (d.integrationName) lines.push(`Integration: ${d.integrationName}`);
  lines.push(`When: ${payload.timestamp}`, '');
  if (d.reasons?.length) {
    lines.push('By reason:', ...d.reasons.map((r) => `  ${r.count} × ${r.reason}`), '');
  }
  if (d.items?.length) {
    lines.push('Shipments:', ...d.items.map((i) => `  ${i.reference} — ${i.integrationName} (${i.customerName}): ${i.reason}`), '');
  }
  lines.push(`What to do: ${d.action}`, '', d.url, '', `— Conveyor (alert type ${payload.type})`);
  return `${lines.join('\n')}\n`;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A simple HTML part with the same content (every value escaped). */
export function htmlOf(payload: AlertPayload): string {
  const d = payload.data;
  const facts = [
    d.customerName ? `<li>Customer: <strong>${escape(d.customerName)}</strong></li>` : '',
    d.integrationName ? `<li>Integration: <strong>${escape(d.integrationName)}</strong></li>` : '',
    `<li>When: ${escape(payload.timestamp)}</li>`,
  ].join('');
  const reasons = d.reasons?.length ? `<p>By reason:</p><ul>${d.reasons.map((r) => `<li>${r.count} × ${escape(r.reason)}</li>`).join('')}</ul>` : '';
  const items = d.items?.length
    ? `<table cellpadding="4"><thead><tr><th align="left">Shipment</th><th align="left">Integration</th><th align="left">Reason</th></tr></thead><tbody>${d.items
        .map((i) => `<tr><td>${escape(i.reference)}</td><td>${escape(i.integrationName)} (${escape(i.customerName)})</td><td>${escape(i.reason)}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  return `<!doctype html><html><body style="font-family:sans-serif"><p>${escape(d.message)}</p><ul>${facts}</ul>${reasons}${items}<p><strong>What to do:</strong> ${escape(d.action)}</p><p><a href="${escape(d.url)}">${escape(d.url)}</a></p><p style="color:#666">Conveyor · alert type ${escape(payload.type)}</p></body></html>`;
}
