import { Writable } from 'node:stream';
import { createLogger } from './logger.js';
import { redactDeep, redactString, registerSecret } from './redaction.js';

const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InRlc3Qta2V5In0.eyJzdWIiOiJhZG1pbi11c2VyIiwicm9sZXMiOlsiYWRtaW4iXX0.c2lnbmF0dXJlLWJ5dGVz';

describe('redactString', () => {
  it.each([
    ['a JWT anywhere in a message', `token ${JWT} was refused`, JWT],
    ['a bearer credential', 'authorization: Bearer abcdef123456', 'abcdef123456'],
    ['a basic credential', 'Basic Y29udmV5b3ItY2xpOmNvbnZleW9yLWNsaS1zZWNyZXQ=', 'Y29udmV5b3ItY2xpOmNvbnZleW9yLWNsaS1zZWNyZXQ='],
    ['an API key in JSON', '{"apiId":"a","apiKey":"k3y+Value/=="}', 'k3y+Value/=='],
    ['an API key in a GraphQL literal inside a JSON string', String.raw`{"query":"mutation { configureAuthentication(id: \"x\", input: {apiId: \"a\", apiKey: \"s3cretKey\"}) { id } }"}`, 's3cretKey'],
    ['a client secret in a form body', 'grant_type=client_credentials&client_secret=conveyor-cli-secret', 'conveyor-cli-secret'],
    ['a password in a URL', 'connect postgres://app:hunter2@db:5432/x failed', 'hunter2'],
  ])('blanks %s', (_label, text, secret) => {
    const out = redactString(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('blanks a registered secret value wherever it appears, also JSON-escaped', () => {
    registerSecret('plain "quoted" secret value');
    expect(redactString('it was plain "quoted" secret value')).toBe('it was [redacted]');
    expect(redactString(JSON.stringify({ m: 'x plain "quoted" secret value' }))).not.toContain('quoted');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Synced 5 shipments; 3 tokens were refused; the key point: nothing failed';
    expect(redactString(text)).toBe(text);
  });

  it('redacts every string inside an object, keeping its shape', () => {
    expect(redactDeep({ a: [`Bearer ${JWT}`], n: 3 })).toEqual({ a: ['Bearer [redacted]'], n: 3 });
  });
});

describe('the logger', () => {
  it('writes no secret, whether under a known key, inside a message or inside an error body', () => {
    const lines: string[] = [];
    const logger = createLogger('trace', new Writable({ write: (chunk, _e, done) => void (lines.push(String(chunk)), done()) }) as never);
    const parseError = Object.assign(new SyntaxError('Unexpected token } in JSON'), { status: 400, body: '{"apiKey":"raw-body-key-123"' });
    logger.error({ err: parseError }, 'bad body');
    logger.trace({ req: { headers: { authorization: `Bearer ${JWT}` } } }, 'request');
    logger.warn(`refused token ${JWT} for client_secret=abc123456`);
    const all = lines.join('');
    expect(lines).toHaveLength(3);
    for (const secret of ['raw-body-key-123', JWT, 'abc123456']) expect(all).not.toContain(secret);
  });
});
