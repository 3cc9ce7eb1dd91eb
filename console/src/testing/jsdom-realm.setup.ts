// Vitest's jsdom environment exposes jsdom's ArrayBuffer/Uint8Array but Node's WebCrypto, so
// `crypto.subtle.digest()` answers with an ArrayBuffer from another realm and openid-client's
// (oauth4webapi's) `instanceof ArrayBuffer` check fails. Real browsers have one realm; copy the
// digest into this realm's ArrayBuffer so PKCE works in component tests as it does in Chromium.
const subtle = globalThis.crypto.subtle;
const nodeDigest = subtle.digest.bind(subtle);
Object.defineProperty(subtle, 'digest', {
  configurable: true,
  value: async (...args: Parameters<SubtleCrypto['digest']>): Promise<ArrayBuffer> => {
    const result = await nodeDigest(...args);
    const copy = new ArrayBuffer(result.byteLength);
    new Uint8Array(copy).set(new Uint8Array(result));
    return copy;
  },
});
