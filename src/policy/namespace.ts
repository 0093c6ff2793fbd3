import { memoByString } from '../lib/memo.ts';
import { RESERVED_NAMESPACE_HOSTS, RESERVED_URN_PREFIX } from './names.ts';

export type NamespaceKind = 'url' | 'urn' | 'none';

/** How a claim name is namespaced: an http(s) URL, a URN, or a plain (private) name. */
export const namespaceKind: (name: string) => NamespaceKind = memoByString(kindOf);

function kindOf(name: string): NamespaceKind {
  if (/^https?:\/\/[^/\s]+/i.test(name)) return 'url';
  if (/^urn:[a-z0-9][a-z0-9-]{0,31}:/i.test(name)) return 'urn';
  return 'none';
}

function hostOf(name: string): string | undefined {
  const m = /^https?:\/\/([^/?#\s]+)/i.exec(name);
  if (!m || m[1] === undefined) return undefined;
  // Strip credentials and port: "https://user@x.auth0.com:443/claim" is still under auth0.com.
  const authority = m[1].slice(m[1].lastIndexOf('@') + 1);
  return authority.replace(/:\d*$/, '').replace(/\.$/, '').toLowerCase();
}

/** The reserved namespace a claim name falls under, if any (auth0.com, webtask.io, webtask.run, urn:auth0). */
export const reservedNamespace: (name: string) => string | undefined = memoByString(reservedOf);

function reservedOf(name: string): string | undefined {
  const kind = namespaceKind(name);
  if (kind === 'urn') {
    const lower = name.toLowerCase();
    return lower === RESERVED_URN_PREFIX || lower.startsWith(`${RESERVED_URN_PREFIX}:`) ? RESERVED_URN_PREFIX : undefined;
  }
  if (kind !== 'url') return undefined;
  const host = hostOf(name);
  if (host === undefined) return undefined;
  return RESERVED_NAMESPACE_HOSTS.find((reserved) => host === reserved || host.endsWith(`.${reserved}`));
}
