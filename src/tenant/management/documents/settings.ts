import { isObject, json, noContent, readJsonArray, readJsonObject } from '../../http/body.ts';
import { notFound, payloadError } from '../../http/errors.ts';
import type { Method, Route, RouteContext } from '../../http/router.ts';
import { validateBody } from '../../http/validate.ts';
import { GUARDIAN_FACTORS, RULES_CONFIGS, SETTINGS_DOCUMENTS, type SettingsDocument } from './table.ts';

// Settings documents (table.ts) as routes: stored by their concrete path (`prompts/login/partials`).

/** `prompts/:prompt/partials` with params → `prompts/login/partials`. */
const concrete = (doc: SettingsDocument, params: Readonly<Record<string, string>>) => doc.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? '');

function current(ctx: RouteContext, doc: SettingsDocument): unknown {
  const stored = ctx.tenant.store.data.documents.settings[concrete(doc, ctx.params)];
  return stored ?? doc.initial;
}

const read = (doc: SettingsDocument) => (ctx: RouteContext): Response => {
  const value = current(ctx, doc);
  if (value === undefined) throw notFound(`${doc.path.split('/')[0]} is not configured on this tenant.`);
  return json(value);
};

const write = (doc: SettingsDocument, method: Method) => async (ctx: RouteContext): Promise<Response> => {
  const { tenant } = ctx;
  const body = Array.isArray(doc.initial) ? await readJsonArray(ctx.request, tenant.settings.bodyLimitBytes) : await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  const key = concrete(doc, ctx.params);
  const value = await tenant.store.write((data) => {
    const before = data.documents.settings[key] ?? doc.initial;
    // PATCH sets the fields it names; PUT and POST replace the whole document.
    const next = method === 'PATCH' && isObject(before) && isObject(body) ? { ...before, ...body } : body;
    return (d) => {
      d.documents.settings[key] = next;
      return next;
    };
  });
  return json(value, method === 'POST' ? 201 : 200);
};

const verb: Record<Method, string> = { GET: 'read', POST: 'create', PATCH: 'update', PUT: 'update', DELETE: 'delete' };

function settingsRoutes(doc: SettingsDocument): Route[] {
  const path = `/${doc.path}`;
  return [
    { method: 'GET', path, scopes: [`read:${doc.scope}`], handle: read(doc) },
    ...doc.write.map((method): Route => ({ method, path, scopes: [`${verb[method]}:${doc.scope}`], handle: write(doc, method) })),
  ];
}

/** Rules configs: `{key}` pairs whose values are never read back. */
const configs = (ctx: RouteContext) => (ctx.tenant.store.data.documents.settings[RULES_CONFIGS.path] ?? {}) as Record<string, string>;

const rulesConfigRoutes: Route[] = [
  { method: 'GET', path: `/${RULES_CONFIGS.path}`, scopes: [`read:${RULES_CONFIGS.scope}`], handle: (ctx) => json(Object.keys(configs(ctx)).map((key) => ({ key }))) },
  {
    method: 'PUT',
    path: `/${RULES_CONFIGS.path}/:key`,
    scopes: [`update:${RULES_CONFIGS.scope}`],
    async handle(ctx) {
      const body = await readJsonObject(ctx.request, ctx.tenant.settings.bodyLimitBytes);
      validateBody(body, { required: ['value'], fields: { value: 'string' } });
      const key = ctx.params['key'] ?? '';
      await ctx.tenant.store.write(() => (d) => {
        d.documents.settings[RULES_CONFIGS.path] = { ...(d.documents.settings[RULES_CONFIGS.path] as Record<string, string> | undefined), [key]: body['value'] };
      });
      return json({ key, value: body['value'] });
    },
  },
  {
    method: 'DELETE',
    path: `/${RULES_CONFIGS.path}/:key`,
    scopes: [`delete:${RULES_CONFIGS.scope}`],
    async handle(ctx) {
      await ctx.tenant.store.write(() => (d) => {
        const { [ctx.params['key'] ?? '']: _gone, ...rest } = (d.documents.settings[RULES_CONFIGS.path] ?? {}) as Record<string, string>;
        d.documents.settings[RULES_CONFIGS.path] = rest;
      });
      return noContent();
    },
  },
];

/** Guardian factors: the fixed list, each `enabled` or not (all off on a new tenant). */
const factorsPath = 'guardian/factors';
const factors = (ctx: RouteContext) => (ctx.tenant.store.data.documents.settings[factorsPath] ?? {}) as Record<string, boolean>;

const guardianFactorRoutes: Route[] = [
  { method: 'GET', path: `/${factorsPath}`, scopes: ['read:guardian_factors'], handle: (ctx) => json(GUARDIAN_FACTORS.map((name) => ({ name, enabled: factors(ctx)[name] === true, trial_expired: false }))) },
  {
    method: 'PUT',
    path: `/${factorsPath}/:name`,
    scopes: ['update:guardian_factors'],
    async handle(ctx) {
      const name = ctx.params['name'] ?? '';
      if (!(GUARDIAN_FACTORS as readonly string[]).includes(name)) throw payloadError(`'No enum match for: "${name}"' on property name`);
      const body = await readJsonObject(ctx.request, ctx.tenant.settings.bodyLimitBytes);
      validateBody(body, { required: ['enabled'], fields: { enabled: 'boolean' } });
      await ctx.tenant.store.write(() => (d) => {
        d.documents.settings[factorsPath] = { ...(d.documents.settings[factorsPath] as Record<string, boolean> | undefined), [name]: body['enabled'] };
      });
      return json({ enabled: body['enabled'] });
    },
  },
];

export const settingsDocumentRoutes: readonly Route[] = [...SETTINGS_DOCUMENTS.flatMap(settingsRoutes), ...rulesConfigRoutes, ...guardianFactorRoutes];
