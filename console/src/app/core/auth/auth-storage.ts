/** What survives a page reload in sessionStorage (never localStorage: one tab, one session). */
export interface PendingLogin {
  codeVerifier: string;
  state: string;
  returnUrl: string;
}

export interface StoredSession {
  accessToken: string;
  idToken: string | null;
  /** epoch milliseconds */
  expiresAt: number;
  name: string | null;
  email: string | null;
}

const PENDING_KEY = 'conveyor.auth.pending';
const SESSION_KEY = 'conveyor.auth.session';

function read<T>(storage: Storage, key: string, valid: (v: Record<string, unknown>) => boolean): T | null {
  try {
    const raw = storage.getItem(key);
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && valid(value as Record<string, unknown>) ? (value as T) : null;
  } catch {
    return null;
  }
}

export class AuthStorage {
  constructor(private readonly storage: Storage) {}

  readPending(): PendingLogin | null {
    return read<PendingLogin>(this.storage, PENDING_KEY, (v) => typeof v['codeVerifier'] === 'string' && typeof v['state'] === 'string');
  }

  writePending(pending: PendingLogin): void {
    this.storage.setItem(PENDING_KEY, JSON.stringify(pending));
  }

  clearPending(): void {
    this.storage.removeItem(PENDING_KEY);
  }

  readSession(): StoredSession | null {
    return read<StoredSession>(this.storage, SESSION_KEY, (v) => typeof v['accessToken'] === 'string' && typeof v['expiresAt'] === 'number');
  }

  writeSession(session: StoredSession): void {
    this.storage.setItem(SESSION_KEY, JSON.stringify(session));
  }

  clearSession(): void {
    this.storage.removeItem(SESSION_KEY);
  }
}
