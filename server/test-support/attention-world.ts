import { randomUUID } from 'node:crypto';
import type { AttentionCode } from '../src/ledger/attention.js';
import type { TestConveyor } from './test-conveyor.js';

/**
 * Support for the needs-attention, retry and preview tests: integrations set up the way a person does
 * (the four steps over GraphQL), waiting for the real order sync, and ledger rows in the situations other
 * code sets (written with SQL, as tests may).
 */

export interface OrderCreation {
  includeComments?: boolean;
  defaultWarehouseId: string | null;
  warehouseMappings: { unleashedWarehouseCode: string; warehouseId: string | null }[];
}

/** An ACTIVE integration of `customerId` on the Unleashed sandbox account, through the four setup steps (fulfilment off). */
export async function activeIntegration(t: TestConveyor, admin: string, customerId: string, account: { apiId: string; apiKey: string }, orderCreation: OrderCreation, name = `Unleashed ${randomUUID().slice(0, 6)}`): Promise<string> {
  const ok = <T>(result: { data?: T | null; errors?: unknown[] }): T => {
    if (result.errors?.length || !result.data) throw new Error(`setup failed: ${JSON.stringify(result.errors)}`);
    return result.data;
  };
  const { createIntegration } = ok(await t.gql<{ createIntegration: { id: string } }>('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', { i: { customerId, name } }, admin));
  const id = createIntegration.id;
  ok(await t.gql('mutation($id: ID!, $i: AuthenticationInput!) { configureAuthentication(id: $id, input: $i) { id } }', { id, i: account }, admin));
  ok(await t.gql('mutation($id: ID!, $i: OrderCreationInput!) { configureOrderCreation(id: $id, input: $i) { id } }', { id, i: { includeComments: false, ...orderCreation } }, admin));
  ok(await t.gql('mutation($id: ID!) { configureFulfilment(id: $id, input: { enabled: false }) { id } }', { id }, admin));
  ok(await t.gql('mutation($id: ID!) { finishIntegration(id: $id) { status } }', { id }, admin));
  return id;
}

/** Reads until `done` holds (the order sync runs in the conveyor's own worker), or fails after `timeoutMs`. */
export async function waitUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 45_000, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The ledger states of an integration's rows by Unleashed order number (one shipment per order in these tests). */
export async function statesByReference(t: TestConveyor, integrationId: string): Promise<Record<string, string>> {
  const rows = await t.services.orm.em.getConnection().execute<{ unleashed_order_number: string; state: string }[]>(
    'select unleashed_order_number, state from synced_shipments where integration_id = ?',
    [integrationId],
  );
  return Object.fromEntries(rows.map((r) => [r.unleashed_order_number, r.state]));
}

/** A ledger row in a situation set by code elsewhere (a collision, a refused write-back…), as that code would leave it. */
export async function arrangedRow(
  t: TestConveyor,
  integrationId: string,
  row: { reference: string; state: string; attention: AttentionCode; since: Date; lastError?: string | null },
): Promise<string> {
  const [order, shipment] = row.reference.split(' | ');
  const [inserted] = await t.services.orm.em.getConnection().execute<{ id: string }[]>(
    `insert into synced_shipments (id, integration_id, unleashed_shipment_guid, unleashed_order_number, unleashed_shipment_number, customer_reference, state, last_error, attention, attention_since)
     values (gen_random_uuid(), ?, gen_random_uuid()::text, ?, ?, ?, ?::shipment_state, ?, ?::attention_code, ?) returning id`,
    [integrationId, order, shipment ?? 'SS-1', row.reference, row.state, row.lastError ?? null, row.attention, row.since],
  );
  return inserted!.id;
}
