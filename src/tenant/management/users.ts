import { isObject, json, noContent, readJsonObject } from '../http/body.ts';
import { badRequest, conflict, notFound, payloadError } from '../http/errors.ts';
import type { RouteContext } from '../http/router.ts';
import { validateBody, type BodySchema } from '../http/validate.ts';
import { ids } from '../store/ids.ts';
import type { StoredUser, TenantData } from '../store/model.ts';
import { isoNow } from '../tenant.ts';
import { hashPassword } from '../auth/passwords.ts';
import { fieldsProjection } from './fields.ts';
import { offsetList, pageRequest } from './paging.ts';
import { matchesUserQuery, parseUserQuery } from './user-search.ts';

// Database users of the one database connection a local tenant has. Passwords are kept as scrypt
// hashes (the Authentication API will check them at login); the API never returns them.

import { DATABASE_CONNECTION } from '../store/seed.ts';

export { DATABASE_CONNECTION };

const PROFILE: BodySchema['fields'] = {
  email: 'string',
  email_verified: 'boolean',
  verify_email: 'boolean',
  password: 'string',
  connection: 'string',
  username: 'string',
  phone_number: 'string',
  phone_verified: 'boolean',
  name: 'string',
  nickname: 'string',
  given_name: 'string',
  family_name: 'string',
  picture: 'string',
  blocked: 'boolean',
  app_metadata: 'object',
  user_metadata: 'object',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Auth0's default ("Fair") policy: 8 characters with lower case, upper case and digits; at most 72 bytes (Auth0's limit). */
function checkPassword(password: string): void {
  if (Buffer.byteLength(password) > 72) throw badRequest('PasswordStrengthError: Password is too long (at most 72 bytes)', 'invalid_body');
  if (password.length < 8 || !/[a-z]/.test(password) || !/[A-Z]/.test(password) || !/\d/.test(password)) {
    throw badRequest('PasswordStrengthError: Password is too weak', 'invalid_body');
  }
}

function checkEmail(email: string): void {
  if (!EMAIL.test(email)) throw payloadError(`'Object didn't pass validation for format email: ${email}' on property email`);
}

/** Users are created in the tenant's database connection, while it exists (it can be deleted like any connection). */
function checkConnection(data: Readonly<TenantData>, name: unknown): void {
  if (name !== DATABASE_CONNECTION || !data.connections.some((c) => c.name === DATABASE_CONNECTION)) throw badRequest('The connection does not exist.', 'inexistent_connection');
}

export function findUser(data: Readonly<TenantData>, id: string | undefined): StoredUser {
  const user = data.users.find((u) => u.user_id === id);
  if (!user) throw notFound('The user does not exist.', 'inexistent_user');
  return user;
}

export function userView(user: StoredUser): Record<string, unknown> {
  const { password_hash: _hash, roles: _roles, connection, ...profile } = user;
  const [provider, id] = user.user_id.split('|') as [string, string];
  return { ...profile, identities: [{ connection, user_id: id, provider, isSocial: false }] };
}

/** Auth0 merges metadata one level deep; a null value removes the key. */
function mergeMetadata(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

export function listUsers(ctx: RouteContext): Response {
  const q = ctx.url.searchParams.get('q');
  const terms = q === null || q.trim() === '' ? [] : parseUserQuery(q);
  const users = ctx.tenant.store.data.users.map(userView).filter((u) => matchesUserQuery(u, terms)).map(fieldsProjection(ctx.url));
  const p = pageRequest(ctx.url);
  return json(offsetList('users', users, p, { length: Math.max(0, Math.min(p.perPage, users.length - p.page * p.perPage)) }));
}

export function usersByEmail(ctx: RouteContext): Response {
  const email = ctx.url.searchParams.get('email');
  if (!email) throw badRequest(`Query validation error: 'Missing required property: email'.`, 'invalid_query_string');
  return json(ctx.tenant.store.data.users.filter((u) => u.email.toLowerCase() === email.toLowerCase()).map(userView).map(fieldsProjection(ctx.url)));
}

export function getUser(ctx: RouteContext): Response {
  return json(fieldsProjection(ctx.url)(userView(findUser(ctx.tenant.store.data, ctx.params['id']))));
}

const emailTaken = (data: Readonly<TenantData>, email: string, self?: StoredUser) => data.users.some((u) => u !== self && u.email === email);

export async function createUser(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, { required: ['connection'], fields: PROFILE });
  checkConnection(tenant.store.data, body['connection']);
  if (typeof body['email'] !== 'string') throw payloadError(`'Missing required property: email'`);
  if (typeof body['password'] !== 'string') throw payloadError(`'Missing required property: password'`);
  const email = body['email'].toLowerCase();
  checkEmail(email);
  checkPassword(body['password']);
  if (emailTaken(tenant.store.data, email)) throw conflict('The user already exists.', 'auth0_idp_error');
  const { password, connection: _c, verify_email: _v, app_metadata, user_metadata, email: _e, ...profile } = body;
  // Hashed before the write: other writes never wait behind a hash (see auth/passwords.ts).
  const passwordHash = await hashPassword(password as string);
  const now = isoNow(tenant);
  const user: StoredUser = {
    user_id: ids.user(),
    email,
    email_verified: false,
    name: email,
    nickname: email.split('@')[0] ?? email,
    picture: 'https://cdn.auth0.com/avatars/default.png',
    ...profile,
    connection: DATABASE_CONNECTION,
    password_hash: passwordHash,
    roles: [],
    app_metadata: isObject(app_metadata) ? app_metadata : {},
    user_metadata: isObject(user_metadata) ? user_metadata : {},
    created_at: now,
    updated_at: now,
  };
  await tenant.store.write((data) => {
    // Checked again: a concurrent request may have created the same user (or deleted the connection) while this one hashed.
    checkConnection(data, DATABASE_CONNECTION);
    if (emailTaken(data, email)) throw conflict('The user already exists.', 'auth0_idp_error');
    return (d) => d.users.push(user);
  });
  return json(userView(user), 201);
}

export async function updateUser(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const id = ctx.params['id'];
  findUser(tenant.store.data, id);
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, { fields: { ...PROFILE, app_metadata: 'object|null', user_metadata: 'object|null' } });
  const { password, connection: _c, verify_email: _v, app_metadata, user_metadata, email, ...profile } = body;
  if (typeof email === 'string') checkEmail(email);
  if (typeof password === 'string') checkPassword(password);
  const passwordHash = typeof password === 'string' ? await hashPassword(password) : undefined;
  const view = await tenant.store.write((data) => {
    const user = findUser(data, id);
    if (typeof email === 'string' && emailTaken(data, email.toLowerCase(), user)) throw conflict('The specified new email already exists', 'email_conflict');
    return () => {
      Object.assign(user, profile);
      if (typeof email === 'string') user.email = email.toLowerCase();
      if (passwordHash !== undefined) user.password_hash = passwordHash;
      if (app_metadata !== undefined) user.app_metadata = app_metadata === null ? {} : mergeMetadata(user.app_metadata, app_metadata as Record<string, unknown>);
      if (user_metadata !== undefined) user.user_metadata = user_metadata === null ? {} : mergeMetadata(user.user_metadata, user_metadata as Record<string, unknown>);
      user.updated_at = isoNow(tenant);
      return userView(user);
    };
  });
  return json(view);
}

export async function deleteUser(ctx: RouteContext): Promise<Response> {
  await ctx.tenant.store.write((data) => {
    const user = findUser(data, ctx.params['id']);
    return (d) => {
      d.users = d.users.filter((u) => u !== user);
      for (const org of d.organizations) {
        org.members = org.members.filter((m) => m !== user.user_id);
        delete org.member_roles[user.user_id];
      }
    };
  });
  return noContent();
}
