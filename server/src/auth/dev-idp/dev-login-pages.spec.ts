import { escapeHtml, renderErrorPage, renderLoginPage } from './dev-login-pages.js';

describe('development login pages', () => {
  it('labels the email and password fields and has a Sign in button', () => {
    const html = renderLoginPage({ action: '/oidc/interaction/abc/login', clientName: 'Conveyor console' });
    expect(html).toContain('<label for="email">Email</label>');
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).toMatch(/<input id="password" name="password" type="password"/);
    expect(html).toContain('<button type="submit">Sign in</button>');
    expect(html).toContain('action="/oidc/interaction/abc/login"');
    expect(html).not.toContain('role="alert"');
  });

  it('announces an error and ties it to the fields', () => {
    const html = renderLoginPage({ action: '/x', clientName: 'C', email: 'a@b.test', error: 'Wrong email or password' });
    expect(html).toContain('<p class="error" role="alert" id="login-error">Wrong email or password</p>');
    expect(html).toMatch(/<input id="email"[^>]*aria-describedby="login-error"/);
    expect(html).toContain('value="a@b.test"');
  });

  it('escapes what the user typed so it cannot inject markup', () => {
    const html = renderLoginPage({ action: '/x', clientName: '<b>', email: '"><script>alert(1)</script>', error: 'x' });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&#34;&#62;&#60;script&#62;');
    expect(html).not.toContain('<b>');
  });

  it('escapes error details', () => {
    expect(renderErrorPage('Oops', { error: '<img src=x>' })).toContain('&#60;img src=x&#62;');
    expect(escapeHtml(`&<>"'`)).toBe('&#38;&#60;&#62;&#34;&#39;');
  });
});
