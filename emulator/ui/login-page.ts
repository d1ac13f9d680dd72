/**
 * The login page at `/`, shaped like login.salesforce.com: `#username` (type email), `#password`,
 * submit `#Login` "Log In", and the `#error` box (protocol reference §10.1, UTAM `helpers/login`).
 */
import { html, type SafeHtml } from './html.js';
import { ASSET_PATH } from './chrome.js';

/** The real text of a failed login [3P, assignment brief]. */
export const INVALID_LOGIN_TEXT =
  "Please check your username and password. If you still can't log in, contact your Salesforce administrator.";

export function loginPage(opts: { orgName: string; startUrl: string; username?: string; error?: string }): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Login | Salesforce</title><link rel="stylesheet" href="${ASSET_PATH}/lightning.css"></head>
<body class="emu-login-body">
<div id="content" class="emu-login">
  <div class="emu-login-logo" aria-hidden="true">&#9729; salesforce</div>
  <div class="emu-login-card">
    <p class="emu-login-org">${opts.orgName}</p>
    ${opts.error ? html`<div id="error" class="loginError" role="alert">${opts.error}</div>` : ''}
    <form method="post" action="/" id="login_form" name="login">
      <input type="hidden" name="startURL" value="${opts.startUrl}">
      <label for="username" class="label">Username</label>
      <input type="email" id="username" name="username" class="input username" value="${opts.username ?? ''}" autocomplete="username" required>
      <label for="password" class="label">Password</label>
      <input type="password" id="password" name="pw" class="input password" autocomplete="current-password">
      <input type="submit" id="Login" class="button r4 wide primary" value="Log In">
    </form>
  </div>
</div>
</body>
</html>`;
}
