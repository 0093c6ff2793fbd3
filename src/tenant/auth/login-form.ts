import type { Interaction } from 'oidc-provider';
import { checkCredentials } from '../login/authenticate.ts';
import { connectionEnabledFor } from '../login/directory.ts';
import { LoginError } from '../login/errors.ts';
import { readText } from '../http/body.ts';
import type { RouteContext } from '../http/router.ts';
import { errorPage, loginPage } from '../oidc/pages.ts';
import { authService } from '../oidc/service.ts';
import type { StoredClient, StoredConnection, TenantData } from '../store/model.ts';
import { html, redirect } from './html.ts';

// The tenant's login page, at Auth0's Universal Login path: GET /u/login?state=… shows the form,
// POST checks the password against the database connection and hands the user back to /authorize.

const expired = () => html(errorPage('invalid_request', 'This login has expired or does not exist. Start it again from the application.'), 400);

async function loginInteraction(ctx: RouteContext, state: string | null): Promise<Interaction | undefined> {
  if (!state) return undefined;
  const interaction = await (await authService(ctx.tenant)).provider.Interaction.find(state);
  return interaction?.prompt.name === 'login' ? interaction : undefined;
}

/** The connection the form logs in to: the one asked for, else the first database connection enabled for the client. */
function formConnection(data: Readonly<TenantData>, client: StoredClient, asked: unknown): StoredConnection | undefined {
  const candidates = data.connections.filter((c) => c.strategy === 'auth0' && connectionEnabledFor(data, c, client));
  return typeof asked === 'string' ? candidates.find((c) => c.name === asked) : candidates[0];
}

function parties(ctx: RouteContext, interaction: Interaction): { client: StoredClient; connection: StoredConnection } | undefined {
  const data = ctx.tenant.store.data;
  const client = data.clients.find((c) => c.client_id === interaction.params['client_id']);
  const connection = client ? formConnection(data, client, interaction.params['connection']) : undefined;
  return client && connection ? { client, connection } : undefined;
}

/**
 * No connection the form could log in to: Auth0 sends the error to the application (redirect_uri) —
 * "the connection was not found" for a `connection=` the client cannot use, "no connections enabled for
 * the client" without one — rather than show a form.
 */
async function noConnection(interaction: Interaction): Promise<Response> {
  const asked = typeof interaction.params['connection'] === 'string';
  interaction.result = { error: 'invalid_request', error_description: asked ? 'the connection was not found' : 'no connections enabled for the client' };
  await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
  return redirect(interaction.returnTo);
}

export async function showLoginForm(ctx: RouteContext): Promise<Response> {
  const state = ctx.url.searchParams.get('state');
  const interaction = await loginInteraction(ctx, state);
  const found = interaction && parties(ctx, interaction);
  if (interaction && !found && ctx.tenant.store.data.clients.some((c) => c.client_id === interaction.params['client_id'])) return noConnection(interaction);
  if (!interaction || !found) return expired();
  const hint = interaction.params['login_hint'];
  return html(loginPage({ state: interaction.uid, clientName: found.client.name, connection: found.connection.name, ...(typeof hint === 'string' ? { username: hint } : {}) }));
}

export async function submitLoginForm(ctx: RouteContext): Promise<Response> {
  const form = new URLSearchParams(await readText(ctx.request, ctx.tenant.settings.bodyLimitBytes));
  const state = ctx.url.searchParams.get('state') ?? form.get('state');
  const interaction = await loginInteraction(ctx, state);
  const found = interaction && parties(ctx, interaction);
  if (!interaction || !found) return expired();
  const username = form.get('username') ?? '';
  try {
    const user = await checkCredentials(ctx.tenant.store.data, found.connection, username, form.get('password') ?? '', ctx.tenant.now());
    interaction.result = { login: { accountId: user.user_id, amr: ['pwd'], remember: true } };
    await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
    return redirect(interaction.returnTo);
  } catch (err) {
    if (!(err instanceof LoginError)) throw err;
    return html(loginPage({ state: interaction.uid, clientName: found.client.name, connection: found.connection.name, username, error: err.description }), err.status === 403 ? 401 : err.status);
  }
}
