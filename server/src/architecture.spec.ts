import {
  assignmentsTo,
  cycles,
  folderOf,
  importsOf,
  mutableProperties,
  ormWritesOf,
  parse,
  providerCodeChecks,
  publishesOf,
  readSources,
  sqlWritesTo,
  type Finding,
  type SourceFile,
} from '../test-support/source-scan.js';

/**
 * The house rules of issue 11, checked on the source (parsed with TypeScript; no database): one writer per
 * table, one publisher per event, one map from provider error codes to actions, dependencies pointing down
 * and no import cycle. Specs, test support and migrations are not product code and are not checked (tests
 * arrange rows directly; a migration owns the schema).
 */
const sources = readSources();
const product = sources.filter((s) => !s.rel.startsWith('database/migrations/'));
const outside = (allowed: (rel: string) => boolean) => product.filter((s) => !allowed(s.rel));
const all = (files: SourceFile[], find: (file: SourceFile) => Finding[]) => files.flatMap(find);

const LEDGER_ENTITY = 'ledger/ledger-shipment.entity.ts';
const LEDGER_FIELDS = new Set([
  'unleashedShipmentGuid', 'unleashedOrderGuid', 'unleashedOrderNumber', 'unleashedShipmentNumber', 'unleashedWarehouseCode',
  'customerReference', 'state', 'attempts', 'lastError', 'nextAttemptAt', 'claimedAt', 'cartonCloudOrderId', 'cartonCloudStatus',
  'trackingNumber', 'carrier', 'dispatchedAt', 'packages', 'fulfilledAt', 'writtenBack', 'unleashedModifiedAt', 'drift', 'source', 'syncRunId',
]);
const HEALTH_FIELDS = new Set(['credentialsRejectedAt', 'unleashedOrderManagement']);
const HEALTH_COLUMNS = /\bupdate\s+"?integrations"?\s+set\b[\s\S]*\b(credentials_rejected_at|unleashed_order_management)\b/i;
const PROVIDER_CODES = new Set(['TEMPORARY', 'RATE_LIMITED', 'AUTH', 'VALIDATION', 'NOT_FOUND']);

describe('one writer per table, one publisher per event', () => {
  it('only the ledger module (server/src/ledger/) writes synced_shipments', () => {
    const others = outside((rel) => rel.startsWith('ledger/'));
    expect(all(others, (s) => [...sqlWritesTo(s.ast, 'synced_shipments'), ...ormWritesOf(s.ast, 'LedgerShipment')])).toEqual([]);
  });

  it('a loaded ledger row cannot be changed and flushed: every LedgerShipment property is readonly, and nothing assigns one', () => {
    const entity = sources.find((s) => s.rel === LEDGER_ENTITY)!;
    expect(mutableProperties(entity.ast, 'LedgerShipment')).toEqual([]);
    const usersOfTheEntity = outside((rel) => rel.startsWith('ledger/')).filter((s) => s.imports.some((i) => i.target === LEDGER_ENTITY));
    expect(usersOfTheEntity.length).toBeGreaterThan(3); // the scan looks where rows are handled (sync, fulfilment)
    expect(all(usersOfTheEntity, (s) => assignmentsTo(s.ast, LEDGER_FIELDS))).toEqual([]);
  });

  it('only the run recorder writes sync_runs, and a loaded run is readonly', () => {
    const others = outside((rel) => rel === 'runs/sync-run.recorder.ts');
    expect(all(others, (s) => [...sqlWritesTo(s.ast, 'sync_runs'), ...ormWritesOf(s.ast, 'SyncRun')])).toEqual([]);
    expect(mutableProperties(sources.find((s) => s.rel === 'runs/sync-run.entity.ts')!.ast, 'SyncRun')).toEqual([]);
  });

  it('only integration health writes the health fields of an integration and the health_conditions table', () => {
    const others = outside((rel) => rel === 'integrations/integration-health.ts');
    const sql = (s: SourceFile) => sqlWritesTo(s.ast, 'integrations').filter((f) => HEALTH_COLUMNS.test(f.code));
    expect(all(others, (s) => [...assignmentsTo(s.ast, HEALTH_FIELDS), ...sql(s)])).toEqual([]);
    expect(all(others, (s) => [...sqlWritesTo(s.ast, 'health_conditions'), ...ormWritesOf(s.ast, 'HealthCondition')])).toEqual([]);
    expect(mutableProperties(sources.find((s) => s.rel === 'integrations/health-condition.entity.ts')!.ast, 'HealthCondition')).toEqual([]);
  });

  it('SYNC_RUN_UPDATED is published only by the run recorder, INTEGRATION_UPDATED only by IntegrationUpdates', () => {
    expect(all(outside((rel) => rel === 'runs/sync-run.recorder.ts'), (s) => publishesOf(s.ast, 'SYNC_RUN_UPDATED'))).toEqual([]);
    expect(all(outside((rel) => rel === 'integrations/integration-updates.ts'), (s) => publishesOf(s.ast, 'INTEGRATION_UPDATED'))).toEqual([]);
    expect(all(product, (s) => publishesOf(s.ast, 'SYNC_RUN_UPDATED')).map((f) => f.file)).toEqual(['runs/sync-run.recorder.ts']);
  });

  it('nothing outside providers/ decides what to do from a provider error code (provider-error.ts `actionFor` does)', () => {
    expect(all(outside((rel) => rel.startsWith('providers/')), (s) => providerCodeChecks(s.ast, PROVIDER_CODES))).toEqual([]);
  });
});

describe('dependencies point down', () => {
  it('no module below app/ imports app/ (main.ts, the entry point, is above it)', () => {
    const below = sources.filter((s) => !s.rel.startsWith('app/') && s.rel !== 'main.ts');
    const upward = below.flatMap((s) => s.imports.filter((i) => i.target.startsWith('app/')).map((i) => `${s.rel} → ${i.target}`));
    expect(upward).toEqual([]);
  });

  it('the import graph of server/src has no cycle, type-only imports included', () => {
    const edges = new Map(sources.map((s) => [s.rel, s.imports.map((i) => i.target)]));
    expect(edges.size).toBeGreaterThan(100);
    expect(cycles(edges)).toEqual([]);
  });

  it('folders form a DAG (a folder that imports another is never imported back by it, however indirectly)', () => {
    const edges = new Map<string, Set<string>>();
    const why = new Map<string, string>();
    for (const s of sources) {
      const from = folderOf(s.rel);
      if (!edges.has(from)) edges.set(from, new Set());
      for (const i of s.imports) {
        const to = folderOf(i.target);
        if (to === from) continue;
        edges.get(from)!.add(to);
        why.set(`${from} → ${to}`, `${s.rel} → ${i.target}`);
      }
    }
    const found = cycles(new Map([...edges].map(([folder, targets]) => [folder, [...targets]])));
    const explained = found.map((folders) => [...why].filter(([edge]) => folders.some((f) => edge.startsWith(`${f} → `)) && folders.some((f) => edge.endsWith(` → ${f}`))).map(([, file]) => file));
    expect(explained).toEqual([]);
    expect(edges.get('ledger')).not.toContain('sync');
    expect(edges.get('integrations')).not.toContain('ledger');
  });
});

describe('scaffolding apart from product', () => {
  const importsInto = (files: SourceFile[], target: (rel: string) => boolean) =>
    files.flatMap((s) => s.imports.filter((i) => target(i.target)).map((i) => `${s.rel} → ${i.target}`));
  const isSandbox = (rel: string) => /^providers\/[^/]+\/sandbox\//.test(rel);

  it('only the demo (`npm start`) and the sandboxes themselves import a provider sandbox', () => {
    expect(importsInto(sources.filter((s) => !isSandbox(s.rel) && !s.rel.startsWith('demo/')), isSandbox)).toEqual([]);
  });

  it('only app/ starts the development identity provider', () => {
    expect(importsInto(sources.filter((s) => !s.rel.startsWith('app/') && !s.rel.startsWith('auth/dev-idp/')), (rel) => rel.startsWith('auth/dev-idp/'))).toEqual([]);
  });

  it('product code never imports test support (server/test-support/)', () => {
    expect(importsInto(sources, (rel) => rel.startsWith('../'))).toEqual([]);
  });
});

describe('the scanners catch what the code did before issue 11', () => {
  const file = (text: string, rel = 'fulfilment/example.ts') => parse(rel, text);

  it('raw SQL writes to a table, not reads or comments', () => {
    const before = file(`
      const requeued = await em.getConnection().execute<{ id: string }[]>(
        \`update synced_shipments set state = 'PENDING', last_error = null, next_attempt_at = null, updated_at = now()
          where integration_id = ? and state = 'SKIPPED' and coalesce(last_error, '') <> ? returning id\`,
        [integration.id, DELETED_BEFORE_SENT],
      );
      if (countsAttempt) await em.getConnection().execute(\`update synced_shipments set attempts = attempts + 1 where id = \${'?'}\`, [row.id]);
      await conn.execute('delete from synced_shipments where id = ?', [id]);
      await conn.execute("insert into \\"synced_shipments\\" (id) values (?)", [id]);
      await conn.execute('update sync_runs set processed = processed + 1 where id = ?', [runId]);`);
    expect(sqlWritesTo(before, 'synced_shipments')).toHaveLength(4);
    expect(sqlWritesTo(before, 'sync_runs')).toHaveLength(1);
    const reads = file(`
      // update synced_shipments set state = … (a comment is no write)
      const rows = await conn.execute(\`select id from synced_shipments where state = 'CLAIMED' or s.state = 'PENDING'\`);`);
    expect(sqlWritesTo(reads, 'synced_shipments')).toEqual([]);
  });

  it('entity writes through the ORM and field assignments on a loaded row', () => {
    const before = file(`
      const ledgerRow = Object.assign(new LedgerShipment(), { state: ShipmentState.CREATED });
      em.create(LedgerShipment, { integration, customerReference });
      await em.nativeUpdate(LedgerShipment, { id }, { state: ShipmentState.PENDING });
      assertTransition(row.state, ShipmentState.DISPATCHED);
      row.state = ShipmentState.DISPATCHED;
      row.dispatchedAt = dispatchedAtOf(order) ?? row.dispatchedAt;
      row.attempts += 1;
      row.writtenBack = { ...outcome.write };
      row.attempts++;`);
    expect(ormWritesOf(before, 'LedgerShipment')).toHaveLength(3);
    expect(assignmentsTo(before, LEDGER_FIELDS).map((f) => f.code)).toEqual([
      'row.state = ShipmentState.DISPATCHED',
      'row.dispatchedAt = dispatchedAtOf(order) ?? row.dispatchedAt',
      'row.attempts += 1',
      'row.writtenBack = { ...outcome.write }',
      'row.attempts++',
    ]);
    const reads = file(`if (row.state === ShipmentState.CREATED) continue; const next = row.attempts + 1; em.find(LedgerShipment, { id });`);
    expect([...assignmentsTo(reads, LEDGER_FIELDS), ...ormWritesOf(reads, 'LedgerShipment')]).toEqual([]);
  });

  it('health fields, events, provider codes', () => {
    const before = file(`
      integration.credentialsRejectedAt = this.deps.clock.now();
      integration.healthMessage = CREDENTIALS_REJECTED_MESSAGE;
      integration.unleashedOrderManagement = on;
      await em.getConnection().execute('update health_conditions set cleared_at = ? where id = ?', [now, id]);
      await this.deps.eventBus.publish(Topics.SYNC_RUN_UPDATED, { syncRunId: runId, integrationId, customerId });
      await this.services.eventBus.publish(Topics.INTEGRATION_UPDATED, { integrationId, customerId });
      if (error instanceof ProviderError && error.provider === 'unleashed' && error.code === 'AUTH') stop();
      const why = error.code === 'RATE_LIMITED' ? 'its API limit was reached' : 'it did not answer properly';
      switch (error.code) { case 'TEMPORARY': return 'retry-later'; }`);
    expect(assignmentsTo(before, HEALTH_FIELDS)).toHaveLength(2); // healthMessage is no field any more (health_conditions rows)
    expect(sqlWritesTo(before, 'health_conditions')).toHaveLength(1);
    expect(publishesOf(before, 'SYNC_RUN_UPDATED')).toHaveLength(1);
    expect(publishesOf(before, 'INTEGRATION_UPDATED')).toHaveLength(1);
    expect(providerCodeChecks(before, PROVIDER_CODES)).toHaveLength(3);
    const fine = file(`if (code === 'UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer'); const a = integration.healthMessage === POLL_OVERDUE_MESSAGE;`);
    expect([...providerCodeChecks(fine, PROVIDER_CODES), ...assignmentsTo(fine, HEALTH_FIELDS)]).toEqual([]);
  });

  it('imports (type-only ones too), cycles and mutable properties', () => {
    const poll = parse('sync/order-poll.service.ts', `
      import type { AppServices } from '../app/services.js';
      import { Topics } from '../common/event-bus.js';
      import { type Config } from '../config.js';
      export type { X } from './x.js';
      const lazy = await import('./lazy.js');`);
    expect(importsOf(poll, 'sync/order-poll.service.ts')).toEqual([
      { target: 'app/services.ts', typeOnly: true },
      { target: 'common/event-bus.ts', typeOnly: false },
      { target: 'config.ts', typeOnly: true },
      { target: 'sync/x.ts', typeOnly: true },
      { target: 'sync/lazy.ts', typeOnly: false },
    ]);
    const graph = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(cycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
    expect(mutableProperties(parse('x.ts', 'class Row { readonly id = 1; state = 2; }'), 'Row')).toEqual(['state']);
    expect(folderOf('main.ts')).toBe('main.ts');
    expect(folderOf('providers/unleashed/sandbox/unleashed.sandbox.ts')).toBe('providers/unleashed/sandbox');
  });
});
