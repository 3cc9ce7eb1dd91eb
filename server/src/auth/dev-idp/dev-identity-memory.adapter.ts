import type { Adapter, AdapterPayload } from 'oidc-provider' with { 'resolution-mode': 'import' };

/**
 * Where the development identity provider keeps sessions, interactions, codes and grants: memory, one
 * store per provider instance, emptied by `clear()`. Access tokens are JWTs and need no storage, so a
 * restart only signs browsers out of the identity provider (the console's tokens stay valid).
 * (Our own rather than oidc-provider's built-in one, which is process-wide and not exported.)
 */

interface Entry {
  payload: AdapterPayload;
  expiresAt: number | null;
}

export interface DevIdentityStore {
  adapterFor(model: string): Adapter;
  clear(): void;
}

export function createDevIdentityStore(now: () => number = Date.now): DevIdentityStore {
  const entries = new Map<string, Entry>();
  const byGrant = new Map<string, Set<string>>();
  const key = (model: string, id: string) => `${model}:${id}`;

  const read = (entryKey: string): AdapterPayload | undefined => {
    const entry = entries.get(entryKey);
    if (!entry) return undefined;
    if (entry.expiresAt !== null && entry.expiresAt <= now()) {
      entries.delete(entryKey);
      return undefined;
    }
    return entry.payload;
  };

  const findBy = (model: string, field: 'uid' | 'userCode', value: string): AdapterPayload | undefined => {
    for (const [entryKey, entry] of entries) {
      if (entryKey.startsWith(`${model}:`) && entry.payload[field] === value) return read(entryKey);
    }
    return undefined;
  };

  return {
    adapterFor(model: string): Adapter {
      return {
        async upsert(id, payload, expiresIn) {
          const entryKey = key(model, id);
          entries.set(entryKey, { payload: { ...payload }, expiresAt: expiresIn ? now() + expiresIn * 1000 : null });
          if (payload.grantId) {
            const keys = byGrant.get(payload.grantId) ?? new Set<string>();
            keys.add(entryKey);
            byGrant.set(payload.grantId, keys);
          }
        },
        async find(id) {
          return read(key(model, id));
        },
        async findByUid(uid) {
          return findBy(model, 'uid', uid);
        },
        async findByUserCode(userCode) {
          return findBy(model, 'userCode', userCode);
        },
        async consume(id) {
          const payload = read(key(model, id));
          if (payload) payload.consumed = Math.floor(now() / 1000);
        },
        async destroy(id) {
          entries.delete(key(model, id));
        },
        async revokeByGrantId(grantId) {
          for (const entryKey of byGrant.get(grantId) ?? []) entries.delete(entryKey);
          byGrant.delete(grantId);
        },
      };
    },
    clear() {
      entries.clear();
      byGrant.clear();
    },
  };
}
