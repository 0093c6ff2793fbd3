// Secret values per Action. Auth0 keeps secrets per Action, so two Actions may both declare DOMAIN with
// different values. Locally a value comes from, first to last:
//   1. the event file's "secrets" (claimkit run): { "<action>": { "NAME": "…" } } for one Action, { "NAME": "…" } for all;
//   2. `<ACTION>__<NAME>` in the environment or .env: this Action only (ACTION upper-cased, every
//      character other than A–Z and 0–9 made "_": add-api-claims → ADD_API_CLAIMS__API_KEY);
//   3. `<NAME>` in the environment or .env: every Action that declares NAME;
//   4. a `value:` in tenant.yaml.
import { ClaimkitError } from '../errors.ts';
import type { Env } from './dotenv.ts';
import type { TenantAction } from './tenant-yaml.ts';

/** The variable that holds one Action's own value of a secret: add-api-claims, API_KEY → ADD_API_CLAIMS__API_KEY. */
export function secretEnvName(action: string, secret: string): string {
  return `${action.toUpperCase().replace(/[^A-Z0-9]/g, '_')}__${secret}`;
}

/** Secret values from an event file: shared by name, or per Action under its name. */
export interface SecretOverrides {
  shared: Readonly<Record<string, string>>;
  perAction: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export const NO_OVERRIDES: SecretOverrides = { shared: {}, perAction: {} };

/** Splits an event file's "secrets" object into shared values and per-Action ones; anything else is an error. */
export function secretOverrides(value: unknown, file: string): SecretOverrides {
  if (value === undefined) return NO_OVERRIDES;
  const bad = (msg: string): never => {
    throw new ClaimkitError('ERR_JSON_INVALID', `"secrets" ${msg} Write { "NAME": "value" } for every Action, or { "<action name>": { "NAME": "value" } } for one.`, { location: { file } });
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad('must be an object.');
  const shared: Record<string, string> = {};
  const perAction: Record<string, Record<string, string>> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string') shared[k] = v;
    else if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string')) perAction[k] = v as Record<string, string>;
    else bad(`has a value for "${k.slice(0, 60)}" that is neither a string nor an object of strings.`);
  }
  return { shared, perAction };
}

/** event.secrets for one Action; a declared secret with no value anywhere is an error naming it and the Action. */
export function secretsFor(action: Pick<TenantAction, 'name' | 'secrets'>, env: Env, overrides: SecretOverrides = NO_OVERRIDES): Record<string, string> {
  const out: Record<string, string> = {};
  const own = overrides.perAction[action.name] ?? {};
  for (const s of action.secrets) {
    const value = own[s.name] ?? overrides.shared[s.name] ?? env[secretEnvName(action.name, s.name)] ?? env[s.name] ?? s.value;
    if (value === undefined) {
      throw new ClaimkitError(
        'ERR_SECRET_MISSING',
        `The Action "${action.name}" declares the secret "${s.name}", which has no value. Set ${secretEnvName(action.name, s.name)}=… (this Action only) or ${s.name}=… (every Action declaring it) in .env or the environment, or give it in the event file's "secrets".`,
      );
    }
    out[s.name] = value;
  }
  return out;
}
