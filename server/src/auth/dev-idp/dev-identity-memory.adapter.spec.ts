import { createDevIdentityStore } from './dev-identity-memory.adapter.js';

describe('development identity provider memory store', () => {
  it('finds what was stored until it expires', async () => {
    let now = 1_000_000;
    const sessions = createDevIdentityStore(() => now).adapterFor('Session');
    await sessions.upsert('s1', { uid: 'u1', accountId: 'a' }, 60);

    expect(await sessions.find('s1')).toMatchObject({ accountId: 'a' });
    expect(await sessions.findByUid('u1')).toMatchObject({ accountId: 'a' });
    now += 61_000;
    expect(await sessions.find('s1')).toBeUndefined();
  });

  it('keeps models apart', async () => {
    const store = createDevIdentityStore();
    await store.adapterFor('Session').upsert('same-id', { accountId: 'a' }, 60);
    expect(await store.adapterFor('Grant').find('same-id')).toBeUndefined();
  });

  it('marks a consumed code and revokes everything of a grant', async () => {
    const store = createDevIdentityStore();
    const codes = store.adapterFor('AuthorizationCode');
    const tokens = store.adapterFor('RefreshToken');
    await codes.upsert('c1', { grantId: 'g1' }, 60);
    await tokens.upsert('r1', { grantId: 'g1' }, 60);
    await tokens.upsert('r2', { grantId: 'g2' }, 60);

    await codes.consume('c1');
    expect((await codes.find('c1'))?.consumed).toEqual(expect.any(Number));

    await codes.revokeByGrantId('g1');
    expect(await codes.find('c1')).toBeUndefined();
    expect(await tokens.find('r1')).toBeUndefined();
    expect(await tokens.find('r2')).toBeDefined();
  });

  it('forgets everything when cleared', async () => {
    const store = createDevIdentityStore();
    await store.adapterFor('Session').upsert('s1', { accountId: 'a' }, 60);
    store.clear();
    expect(await store.adapterFor('Session').find('s1')).toBeUndefined();
  });
});
