import { ASK_ACCOUNT_OWNER } from '../auth/access-policy.js';
import type { Customer } from '../customers/customer.entity.js';
import type { Warehouse } from '../customers/warehouse.entity.js';
import { makeDemoTenant, makeUnleashedAccount } from '../../test-support/factories.js';
import { startTestConveyor, type GraphQLResult, type TestConveyor } from '../../test-support/test-conveyor.js';

/**
 * The permission matrix of issue 4: every operation × every kind of caller, each cell asserted.
 *   admin          a 3PL administrator, on Acme's integration
 *   allowed        Acme's own user (Acme allows self-managed integrations), on Acme's integration
 *   notAllowed     Globex's own user (Globex does not allow them), on Globex's integration
 *   otherCustomer  Globex's user, on Acme's integration
 *   anonymous      no token, on Acme's integration
 */
type Role = 'admin' | 'allowed' | 'notAllowed' | 'otherCustomer' | 'anonymous';
type Outcome = 'ok' | 'null' | 'FORBIDDEN' | 'ASK_OWNER' | 'NOT_FOUND' | 'UNAUTHENTICATED';
const ROLES: Role[] = ['admin', 'allowed', 'notAllowed', 'otherCustomer', 'anonymous'];

interface Target {
  customer: Customer;
  integrationId: string;
}

interface Operation {
  name: string;
  run(t: TestConveyor, token: string | null, target: Target, fresh: () => Promise<string>): Promise<GraphQLResult>;
  expect: Record<Role, Outcome>;
}

const MANAGE: Record<Role, Outcome> = { admin: 'ok', allowed: 'ok', notAllowed: 'ASK_OWNER', otherCustomer: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED' };
const ADMIN_ONLY: Record<Role, Outcome> = { admin: 'ok', allowed: 'FORBIDDEN', notAllowed: 'FORBIDDEN', otherCustomer: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED' };
const READ: Record<Role, Outcome> = { admin: 'ok', allowed: 'ok', notAllowed: 'ok', otherCustomer: 'null', anonymous: 'UNAUTHENTICATED' };

let warehouses: { melbourne: Warehouse; sydney: Warehouse };
let account: { apiId: string; apiKey: string };
let counter = 0;

const operations: Operation[] = [
  {
    name: 'query viewer',
    run: (t, token) => t.gql('{ viewer { subject } }', {}, token),
    expect: { admin: 'ok', allowed: 'ok', notAllowed: 'ok', otherCustomer: 'ok', anonymous: 'UNAUTHENTICATED' },
  },
  { name: 'query customer', run: (t, token, target) => t.gql('query($id: ID!) { customer(id: $id) { id } }', { id: target.customer.id }, token), expect: READ },
  { name: 'query integration', run: (t, token, target) => t.gql('query($id: ID!) { integration(id: $id) { id } }', { id: target.integrationId }, token), expect: READ },
  { name: 'query billingLines', run: (t, token) => t.gql('{ billingLines { id } }', {}, token), expect: ADMIN_ONLY },
  {
    name: 'mutation createWarehouse',
    run: (t, token) => t.gql('mutation($i: WarehouseInput!) { createWarehouse(input: $i) { id } }', { i: { name: `W${++counter}`, cartonCloudWarehouseId: `0e7d9a1c-0000-4000-8000-${String(++counter).padStart(12, '0')}` } }, token),
    expect: ADMIN_ONLY,
  },
  {
    name: 'mutation createCustomer',
    run: (t, token) => t.gql('mutation($i: CustomerInput!) { createCustomer(input: $i) { id } }', { i: { name: `C${++counter}`, cartonCloudCustomerId: `0c7d9a1c-0000-4000-8000-${String(++counter).padStart(12, '0')}` } }, token),
    expect: ADMIN_ONLY,
  },
  {
    name: 'mutation updateCustomer',
    run: (t, token, target) =>
      t.gql('mutation($id: ID!, $i: CustomerInput!) { updateCustomer(id: $id, input: $i) { id } }', { id: target.customer.id, i: { name: target.customer.name, cartonCloudCustomerId: target.customer.cartonCloudCustomerId } }, token),
    expect: ADMIN_ONLY,
  },
  {
    name: 'mutation createIntegration',
    run: (t, token, target) => t.gql('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', { i: { customerId: target.customer.id, name: `Matrix ${++counter}` } }, token),
    expect: MANAGE,
  },
  {
    name: 'mutation configureAuthentication',
    run: (t, token, target) => t.gql('mutation($id: ID!, $i: AuthenticationInput!) { configureAuthentication(id: $id, input: $i) { id } }', { id: target.integrationId, i: account }, token),
    expect: MANAGE,
  },
  {
    name: 'mutation configureOrderCreation',
    run: (t, token, target) =>
      t.gql('mutation($id: ID!, $i: OrderCreationInput!) { configureOrderCreation(id: $id, input: $i) { id } }', { id: target.integrationId, i: { includeComments: true, defaultWarehouseId: warehouses.melbourne.id, warehouseMappings: [] } }, token),
    expect: MANAGE,
  },
  { name: 'mutation configureFulfilment', run: (t, token, target) => t.gql('mutation($id: ID!) { configureFulfilment(id: $id, input: { enabled: true }) { id } }', { id: target.integrationId }, token), expect: MANAGE },
  { name: 'mutation finishIntegration', run: (t, token, target) => t.gql('mutation($id: ID!) { finishIntegration(id: $id) { id } }', { id: target.integrationId }, token), expect: MANAGE },
  { name: 'mutation syncNow', run: (t, token, target) => t.gql('mutation($id: ID!) { syncNow(id: $id) { id } }', { id: target.integrationId }, token), expect: MANAGE },
  {
    name: 'mutation deleteIntegration',
    // each cell deletes an integration of its own, made for it
    run: async (t, token, _target, fresh) => t.gql('mutation($id: ID!) { deleteIntegration(id: $id) { id } }', { id: await fresh() }, token),
    expect: MANAGE,
  },
];

function outcomeOf(result: GraphQLResult): Outcome {
  const error = result.errors?.[0];
  if (!error) {
    const value = Object.values(result.data ?? {})[0];
    return value === null ? 'null' : 'ok';
  }
  const code = error.extensions?.code;
  if (code === 'FORBIDDEN' && error.message === ASK_ACCOUNT_OWNER) return 'ASK_OWNER';
  if (code === 'FORBIDDEN' || code === 'NOT_FOUND' || code === 'UNAUTHENTICATED') return code;
  throw new Error(`unexpected answer: ${JSON.stringify(result.errors)}`);
}

describe('the permission matrix', () => {
  let t: TestConveyor;
  const tokens = {} as Record<Role, string | null>;
  const targets = {} as Record<Role, Target>;
  let acme: Customer;
  let globex: Customer;

  async function activeIntegration(customer: Customer): Promise<string> {
    const admin = tokens.admin!;
    const created = await t.gql<{ createIntegration: { id: string } }>('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', { i: { customerId: customer.id, name: `Fixture ${++counter}` } }, admin);
    const id = created.data!.createIntegration.id;
    await t.gql('mutation($id: ID!, $i: AuthenticationInput!) { configureAuthentication(id: $id, input: $i) { id } }', { id, i: account }, admin);
    await t.gql('mutation($id: ID!, $i: OrderCreationInput!) { configureOrderCreation(id: $id, input: $i) { id } }', { id, i: { includeComments: false, defaultWarehouseId: warehouses.melbourne.id, warehouseMappings: [] } }, admin);
    await t.gql('mutation($id: ID!) { configureFulfilment(id: $id, input: { enabled: false }) { id } }', { id }, admin);
    const finished = await t.gql<{ finishIntegration: { status: string } }>('mutation($id: ID!) { finishIntegration(id: $id) { status } }', { id }, admin);
    expect(finished.data?.finishIntegration.status).toBe('ACTIVE');
    return id;
  }

  beforeAll(async () => {
    // several roles ask for a sync of one integration within seconds: no cooldown here (manual-poll-limits.int.spec tests it)
    t = await startTestConveyor({ env: { MANUAL_SYNC_COOLDOWN_SECONDS: '0' } });
    const tenant = await makeDemoTenant(t.services.orm.em.fork());
    ({ acme, globex } = tenant);
    warehouses = tenant.warehouses;
    account = makeUnleashedAccount(t.unleashed);
    tokens.admin = await t.issuer.admin();
    tokens.allowed = await t.issuer.customerUser(acme.id, 'olive');
    tokens.notAllowed = await t.issuer.customerUser(globex.id, 'sam');
    tokens.otherCustomer = tokens.notAllowed;
    tokens.anonymous = null;
    const acmeIntegration = await activeIntegration(acme);
    const globexIntegration = await activeIntegration(globex);
    for (const role of ROLES) targets[role] = role === 'notAllowed' ? { customer: globex, integrationId: globexIntegration } : { customer: acme, integrationId: acmeIntegration };
  });
  afterAll(async () => {
    await t.close();
  });

  const cells = operations.flatMap((op) => ROLES.map((role) => [op.name, role, op.expect[role], op] as const));
  it.each(cells)('%s as %s → %s', async (_name, role, expected, op) => {
    const target = targets[role];
    const result = await op.run(t, tokens[role], target, () => activeIntegration(target.customer));
    expect(outcomeOf(result)).toBe(expected);
  });

  it('refuses a mutation whose selection asks a customer user for an admin-only field before it writes anything', async () => {
    const count = async () => Number((await t.services.orm.em.fork().getConnection().execute<{ n: string }[]>('select count(*) as n from integrations where customer_id = ?', [acme.id]))[0]!.n);
    const before = await count();
    const refused = await t.gql('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id auditTrail { at } } }', { i: { customerId: acme.id, name: 'Asks for the audit trail' } }, tokens.allowed);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/Integration\.auditTrail.*nothing was changed/);
    expect(await count()).toBe(before);
    // the same mutation without that field goes through, and an administrator may select it
    const created = await t.gql<{ createIntegration: { id: string } }>('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', { i: { customerId: acme.id, name: 'Leaves it out' } }, tokens.allowed);
    expect(created.errors).toBeUndefined();
    const byAdmin = await t.gql('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id auditTrail { at } } }', { i: { customerId: acme.id, name: 'Admin asks for it' } }, tokens.admin);
    expect(byAdmin.errors).toBeUndefined();
    expect(await count()).toBe(before + 2);
  });

  it('shows a customer user only their own customer in lists', async () => {
    const mine = await t.gql<{ customers: { id: string }[]; warehouses: { id: string }[] }>('{ customers { id } warehouses { id } }', {}, tokens.notAllowed);
    expect(mine.data!.customers.map((c) => c.id)).toEqual([globex.id]);
    expect(mine.data!.warehouses.map((w) => w.id).sort()).toEqual([warehouses.melbourne.id, warehouses.sydney.id].sort());
    const all = await t.gql<{ customers: { id: string }[] }>('{ customers { id } }', {}, tokens.admin);
    expect(all.data!.customers.length).toBeGreaterThanOrEqual(2);
  });
});
