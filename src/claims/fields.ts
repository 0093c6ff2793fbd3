// Vocabulary of claims.yaml: the keys and values it accepts.
import type { ClaimSource, MachineClaimSource } from '../runtime/claims/config.ts';

export const TOP_KEYS = ['namespace', 'keywords', 'budget', 'claims', 'machine_claims'] as const;
export const BUDGET_KEYS = ['max_token_bytes', 'on_oversize'] as const;
export const CLAIM_KEYS = ['name', 'source', 'value', 'tokens', 'shape', 'role', 'roles', 'filter', 'rename', 'default', 'when', 'namespaced', 'on_oversize', 'max_items', 'max_bytes'] as const;
export const MACHINE_CLAIM_KEYS = ['name', 'source', 'value', 'shape', 'default', 'when', 'namespaced', 'on_oversize', 'max_bytes'] as const;
export const MACHINE_SHAPES = ['list', 'value'] as const;
export const WHEN_KEYS = ['clients', 'audiences', 'scopes', 'organization'] as const;
export const FILTER_KEYS = ['prefix', 'pattern'] as const;
export const RENAME_KEYS = ['strip_prefix', 'map'] as const;
export const TOKENS = ['id_token', 'access_token'] as const;
export const SHAPES = ['list', 'value', 'has_role'] as const;
export const ON_OVERSIZE = ['drop', 'deny'] as const;

/** User profile fields a claim can read (event.user). */
export const USER_FIELDS = [
  'user_id', 'email', 'email_verified', 'name', 'nickname', 'given_name', 'family_name', 'picture', 'username',
  'phone_number', 'phone_verified', 'created_at', 'updated_at', 'last_password_reset', 'multifactor',
] as const;

const SEGMENT = /^[A-Za-z0-9_$-]+$/;

export const SOURCE_HELP =
  'Use one of: roles, app_metadata.<path>, user_metadata.<path>, user.<field>, organization.id|name|display_name, organization.metadata.<key>, client.metadata.<key>; or `value:` for a static value.';

/** Parses a `source:` string, or returns a message saying what is wrong. */
export function parseSource(text: string): ClaimSource | string {
  const [head, ...rest] = text.split('.');
  const segmentsOk = rest.every((s) => SEGMENT.test(s));
  switch (head) {
    case 'roles':
      return rest.length === 0 ? { kind: 'roles' } : `"roles" takes no path. ${SOURCE_HELP}`;
    case 'app_metadata':
    case 'user_metadata':
      return rest.length > 0 && segmentsOk ? { kind: head, path: rest } : `"${head}" needs a path such as ${head}.tenant_id.`;
    case 'user': {
      const field = rest[0];
      return rest.length === 1 && (USER_FIELDS as readonly string[]).includes(field as string)
        ? { kind: 'user', field: field as string }
        : `"${text}" is not a user profile field. Use user.<field> with one of: ${USER_FIELDS.join(', ')}.`;
    }
    case 'organization':
      if (rest.length === 1 && (rest[0] === 'id' || rest[0] === 'name' || rest[0] === 'display_name')) return { kind: 'organization', field: rest[0] };
      if (rest.length === 2 && rest[0] === 'metadata' && segmentsOk) return { kind: 'organization_metadata', key: rest[1] as string };
      return `"${text}" is not an organization field. Use organization.id, .name, .display_name or .metadata.<key>.`;
    case 'client':
      return rest.length === 2 && rest[0] === 'metadata' && segmentsOk ? { kind: 'client_metadata', key: rest[1] as string } : `"${text}": use client.metadata.<key>.`;
    default:
      return `Unknown source "${text}". ${SOURCE_HELP}`;
  }
}

export const MACHINE_SOURCE_HELP =
  'Use one of: client.metadata.<key>, client.name, organization.id|name|display_name, organization.metadata.<key>; or `value:` for a static value. A machine has no user: roles, app_metadata, user_metadata and user.* do not exist in a client-credentials exchange.';

/** Parses a machine claim's `source:` string, or returns a message saying what is wrong. */
export function parseMachineSource(text: string): MachineClaimSource | string {
  if (text === 'client.name') return { kind: 'client', field: 'name' };
  const parsed = parseSource(text);
  if (typeof parsed === 'string') return text.startsWith('client.') || text.startsWith('organization.') ? parsed : `Unknown machine claim source "${text}". ${MACHINE_SOURCE_HELP}`;
  switch (parsed.kind) {
    case 'client_metadata':
    case 'organization':
    case 'organization_metadata':
      return parsed;
    default:
      return `"${text}" is not available to machines. ${MACHINE_SOURCE_HELP}`;
  }
}
