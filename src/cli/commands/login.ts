import { resolveTarget } from '../../deploy/target.ts';
import { readDemoUser } from '../../deploy/demo-user.ts';
import { ClaimkitError } from '../../errors.ts';
import type { ClaimFinding } from '../../policy/index.ts';
import { projectEnv } from '../../project/dotenv.ts';
import { httpClient } from '../../tokens/http.ts';
import { inspectToken, type Inspection } from '../../tokens/inspect.ts';
import { loginUser, type LoginResult } from '../../tokens/login.ts';
import { formatInspection } from '../../tokens/report.ts';
import { EXIT, type CliIo } from '../io.ts';

export interface LoginCommandOptions {
  user?: string;
  password?: string;
  client?: string;
  audience?: string;
  scope?: string;
  json: boolean;
}

export interface LoginReport {
  domain: string;
  tenant: 'local' | 'remote';
  user: string;
  client: string;
  flow: LoginResult['flow'];
  audience: string | null;
  scope: string;
  idToken: Inspection | null;
  accessToken: Inspection;
  /** Claims the Actions set that Auth0 left out: known on the local tenant only. */
  dropped: ClaimFinding[] | null;
  refreshToken: boolean;
  /** The raw token response (--json only): to call an API with, or to pass to `claimkit inspect`. */
  tokens?: LoginResult['tokens'];
}

const DEFAULT_SCOPE = 'openid profile email';

/**
 * `claimkit login`: logs a user in to the tenant deploys go to (AUTH0_* for a real one, else the local
 * tenant, with the deploy's demo user unless --user), then shows both tokens decoded and verified, custom
 * claims marked, and — on the local tenant — the claims the Actions set that Auth0 dropped. The password
 * comes from --password, CLAIMKIT_LOGIN_PASSWORD, or (demo user) the local tenant's state folder.
 */
export async function loginCommand(options: LoginCommandOptions, io: CliIo): Promise<number> {
  const env = projectEnv(io.cwd, io.env);
  const target = await resolveTarget(env, io.cwd);
  if (target.kind === 'local' && !options.json) io.stderr(`No AUTH0_DOMAIN / AUTH0_CLIENT_ID / AUTH0_CLIENT_SECRET set: logging in to the LOCAL tenant at https://${target.domain}.\n`);
  const local = target.kind === 'local';
  const demo = local && target.stateDir ? readDemoUser(target.stateDir) : undefined;
  const user = options.user ?? demo?.email;
  if (!user) throw new ClaimkitError('ERR_USAGE', local ? 'No demo user on the local tenant yet (npm run deploy creates it): pass --user EMAIL and --password.' : 'Pass --user EMAIL: the user to log in to this tenant.');
  const password = options.password ?? env['CLAIMKIT_LOGIN_PASSWORD'] ?? (demo && user === demo.email ? demo.password : undefined);
  if (!password) throw new ClaimkitError('ERR_USAGE', `No password for ${user}: pass --password or set CLAIMKIT_LOGIN_PASSWORD.`);
  const useDemo = demo !== undefined && options.client === undefined && options.audience === undefined && options.scope === undefined && user === demo.email;
  const audience = options.audience ?? (useDemo ? demo.audience : undefined);
  const scope = options.scope ?? (useDemo ? demo.scope : undefined) ?? DEFAULT_SCOPE;
  const client = options.client ?? (useDemo ? demo.client : undefined);
  const http = httpClient(target.ca);
  try {
    const login = await loginUser(http, {
      domain: target.domain,
      local,
      management: { clientId: target.clientId, clientSecret: target.clientSecret },
      ...(client ? { client } : {}),
      user,
      password,
      scope,
      ...(audience ? { audience } : {}),
    });
    const inspect = (token: string, expected: string | undefined) => inspectToken(token, { domain: target.domain, http, ...(expected ? { audience: expected } : {}) });
    let dropped: ClaimFinding[] | null = null;
    if (local && login.executionId) {
      const res = await http.request(`https://${target.domain}/api/v2/actions/executions/${encodeURIComponent(login.executionId)}`, { headers: { authorization: `Bearer ${login.managementToken}` } });
      if (res.status === 200) dropped = (JSON.parse(res.text) as { claimkit?: { dropped?: ClaimFinding[] } }).claimkit?.dropped ?? [];
    }
    const report: LoginReport = {
      domain: target.domain,
      tenant: target.kind,
      user,
      client: login.client.name,
      flow: login.flow,
      audience: audience ?? null,
      scope,
      idToken: login.tokens.id_token ? await inspect(login.tokens.id_token, login.client.id) : null,
      accessToken: await inspect(login.tokens.access_token, audience),
      dropped,
      refreshToken: login.tokens.refresh_token !== undefined,
    };
    io.stdout(options.json ? `${JSON.stringify({ ...report, tokens: login.tokens }, null, 2)}\n` : formatLogin(report));
    return [report.idToken, report.accessToken].every((t) => t === null || t.verdict.valid) ? EXIT.ok : EXIT.failed;
  } catch (err) {
    // A refused login, or a tenant that cannot be reached (down, a wrong domain): not bad usage.
    if (err instanceof ClaimkitError && (err.code === 'ERR_LOGIN_FAILED' || err.code === 'ERR_TOKEN_HTTP')) {
      io.stderr(`claimkit login: ${err.message}\n`);
      return EXIT.failed;
    }
    throw err;
  } finally {
    await http.close();
  }
}

function formatLogin(r: LoginReport): string {
  const lines = [
    `Logged in ${r.user} to ${r.tenant === 'local' ? 'the local tenant' : 'the tenant'} ${r.domain} through ${r.client} (${r.flow === 'authorization_code' ? 'code + PKCE' : 'password-realm'}), scope "${r.scope}"${r.audience ? `, audience ${r.audience}` : ' (no audience: the access token is opaque)'}${r.refreshToken ? '; a refresh token came too' : ''}.`,
    '',
  ];
  const dropped = (kind: 'id' | 'access') => r.dropped?.filter((d) => d.token === kind) ?? [];
  if (r.idToken) lines.push(formatInspection(r.idToken, { dropped: dropped('id') }), '');
  lines.push(formatInspection(r.accessToken, { dropped: dropped('access') }), '');
  lines.push('The raw tokens: claimkit login --json (field "tokens").', '');
  if (r.dropped === null) lines.push('Claims dropped at login: a real tenant does not report them; `claimkit run` shows what your Actions set and what Auth0 drops.', '');
  return lines.join('\n');
}
