// Reads a claim's source from the event. Never throws: a missing or oddly shaped source is `undefined`.
import { isRecord } from '../../lib/records.ts';
import type { PostLoginEvent } from '../../types/event.ts';
import type { ClaimSource } from './config.ts';

function at(root: unknown, path: readonly string[]): unknown {
  let cur = root;
  for (const key of path) {
    if (!isRecord(cur) || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** The user's role names: only strings, whatever Auth0 (or a test) put there. */
export function roleNames(event: PostLoginEvent): string[] {
  const roles: unknown = event.authorization?.roles;
  return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
}

export function readSource(event: PostLoginEvent, source: ClaimSource): unknown {
  switch (source.kind) {
    case 'roles':
      return event.authorization && Array.isArray(event.authorization.roles) ? roleNames(event) : undefined;
    case 'app_metadata':
      return at(event.user?.app_metadata, source.path);
    case 'user_metadata':
      return at(event.user?.user_metadata, source.path);
    case 'user':
      return at(event.user, [source.field]);
    case 'organization':
      return at(event.organization, [source.field]);
    case 'organization_metadata':
      return at(event.organization?.metadata, [source.key]);
    case 'client_metadata':
      return at(event.client?.metadata, [source.key]);
    case 'static':
      return source.value;
  }
}
