// The few HTML pages the Authentication API shows: the login form and error pages. Minimal on purpose
// (Universal Login is Auth0's product, not claimkit's); every value is escaped.

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}label,input,button{display:block;width:100%;box-sizing:border-box}input{margin:.25rem 0 1rem;padding:.5rem}button{padding:.6rem}.error{color:#b00020}</style>
</head><body>${body}</body></html>`;
}

export interface LoginFormView {
  state: string;
  clientName: string;
  connection: string;
  username?: string;
  error?: string;
}

/** Auth0's Universal Login posts `username` and `password` to /u/login?state=… */
export function loginPage(view: LoginFormView): string {
  const error = view.error ? `<p class="error" role="alert">${escapeHtml(view.error)}</p>` : '';
  return page(
    'Log in',
    `<h1>Log in</h1><p>to continue to ${escapeHtml(view.clientName)} (local tenant, ${escapeHtml(view.connection)})</p>${error}
<form method="post" action="/u/login?state=${encodeURIComponent(view.state)}">
<label for="username">Email address</label><input id="username" name="username" type="text" autocomplete="username" required value="${escapeHtml(view.username ?? '')}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<input type="hidden" name="state" value="${escapeHtml(view.state)}">
<button type="submit" name="action" value="default">Continue</button>
</form>`,
  );
}

export function errorPage(error: string, description: string): string {
  return page('Error', `<h1>Something went wrong</h1><p><code>${escapeHtml(error)}</code></p><p>${escapeHtml(description)}</p>`);
}

export function loggedOutPage(): string {
  return page('Logged out', '<h1>You are logged out</h1>');
}
