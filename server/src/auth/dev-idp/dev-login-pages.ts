import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-identities.js';

/**
 * The HTML of the development identity provider: self-contained (inline CSS, no fonts or scripts from
 * elsewhere), labelled form controls, errors announced to screen readers. Every interpolated value is
 * escaped.
 */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const STYLE = `
  *{box-sizing:border-box}
  body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f4f5f7;
    font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2433}
  main{width:100%;max-width:24rem;margin:1rem;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)}
  h1{margin:0 0 .25rem;font-size:1.5rem}
  p{margin:.25rem 0 1rem}
  label{display:block;margin:1rem 0 .25rem;font-weight:600}
  input{width:100%;padding:.6rem .7rem;font:inherit;border:1px solid #767f8f;border-radius:4px}
  input:focus,button:focus,a:focus{outline:3px solid #1a5fd0;outline-offset:2px}
  button{margin-top:1.5rem;width:100%;padding:.7rem;font:inherit;font-weight:600;color:#fff;background:#1a5fd0;border:0;border-radius:4px;cursor:pointer}
  button:hover{background:#144aa3}
  button.secondary{margin-top:.75rem;color:#1a5fd0;background:#fff;border:1px solid #1a5fd0}
  .error{margin:1rem 0 0;padding:.6rem .75rem;color:#8a1020;background:#fdecee;border:1px solid #d9a2aa;border-radius:4px}
  .hint{margin-top:1.75rem;padding-top:1rem;border-top:1px solid #dde1e7;font-size:.9rem;color:#4a5263}
  .hint ul{margin:.25rem 0 0;padding-left:1.25rem}
  code{font-size:.9em}
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export interface LoginPageOptions {
  /** Where the form posts to (the interaction's login route). */
  action: string;
  /** Name of the application asking the user to sign in. */
  clientName: string;
  /** Pre-filled after a failed attempt, so only the password needs typing again. */
  email?: string;
  error?: string;
}

export function renderLoginPage(options: LoginPageOptions): string {
  const error = options.error
    ? `<p class="error" role="alert" id="login-error">${escapeHtml(options.error)}</p>`
    : '';
  const describedBy = options.error ? ' aria-describedby="login-error" aria-invalid="true"' : '';
  const demoLogins = DEMO_ACCOUNTS.map(
    (account) => `<li><code>${escapeHtml(account.email)}</code> — ${escapeHtml(account.name)} (${escapeHtml(account.roles.join(', '))})</li>`,
  ).join('');
  return page(
    'Sign in — Conveyor',
    `<h1>Sign in</h1>
<p>to continue to ${escapeHtml(options.clientName)}</p>
${error}
<form method="post" action="${escapeHtml(options.action)}" novalidate>
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="username" required autofocus value="${escapeHtml(options.email ?? '')}"${describedBy}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
  <button type="submit">Sign in</button>
</form>
<section class="hint" aria-labelledby="demo-logins">
  <h2 id="demo-logins" style="font-size:1rem;margin:0">Demo logins</h2>
  <p style="margin:.25rem 0 0">This is the development identity provider. Every account's password is <code>${escapeHtml(DEMO_PASSWORD)}</code>.</p>
  <ul>${demoLogins}</ul>
</section>`,
  );
}

/**
 * The RP-initiated logout confirmation. `form` is oidc-provider's hidden form (id `op.logoutForm`, with its
 * CSRF token). Signing out is one click; the console's "Sign out" has already asked, so a tiny inline
 * script submits it at once where scripts may run.
 */
export function renderLogoutPage(form: string): string {
  return page(
    'Sign out — Conveyor',
    `<h1>Sign out</h1>
<p>Sign out of Conveyor on this browser?</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" id="confirm-logout">Sign out</button>
<button type="submit" form="op.logoutForm" class="secondary">Stay signed in</button>
<script>document.getElementById('confirm-logout').click()</script>`,
  );
}

export function renderSignedOutPage(): string {
  return page('Signed out — Conveyor', '<h1>Signed out</h1><p role="status">You have signed out of Conveyor. You can close this tab.</p>');
}

export function renderErrorPage(title: string, details: Record<string, string | undefined>): string {
  const rows = Object.entries(details)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(value)}</p>`)
    .join('');
  return page(`${title} — Conveyor`, `<h1>${escapeHtml(title)}</h1><div role="alert">${rows}</div>`);
}
