import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips a secret and never stores the plaintext', () => {
    const sealed = box.seal('unleashed-private-key', 'integration-1');
    expect(sealed).not.toContain('unleashed-private-key');
    expect(box.open(sealed, 'integration-1')).toBe('unleashed-private-key');
  });

  it('refuses a ciphertext moved to another row', () => {
    const sealed = box.seal('k', 'integration-1');
    expect(() => box.open(sealed, 'integration-2')).toThrow();
  });

  it('refuses a ciphertext under another key', () => {
    const sealed = box.seal('k', 'a');
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'a')).toThrow();
  });
});
