import { Webhook } from 'standardwebhooks';
import { generateSigningSecret, signWebhook, webhookHeaders } from './webhook-signature.js';

describe('Standard Webhooks signing', () => {
  it('makes whsec_ secrets of 32 random bytes, different every time', () => {
    const a = generateSigningSecret();
    const b = generateSigningSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('signs exactly as the spec’s reference library does (known answer and round trip)', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
    const body = '{"test": 2432232314}';
    // the spec's published example: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
    expect(signWebhook(secret, id, 1614265330, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(new Webhook(secret).sign(id, new Date(1614265330_000), body)).toBe(signWebhook(secret, id, 1614265330, body));
  });

  it('produces headers the reference library verifies, and a changed body fails', () => {
    const secret = generateSigningSecret();
    const body = JSON.stringify({ type: 'integration.recovered', timestamp: new Date().toISOString(), data: { message: 'ok' } });
    const headers = webhookHeaders(secret, 'b0b2d3f4-1111-4222-8333-944455556666', new Date(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('ok', 'ko'), headers)).toThrow();
    expect(() => new Webhook(generateSigningSecret()).verify(body, headers)).toThrow();
  });
});
