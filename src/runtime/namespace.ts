// Code under src/runtime/ is bundled into Actions: no Node-only APIs, no file reads at login.

/** The namespace the example Actions put their claims under. */
export const CLAIM_NAMESPACE = 'https://claims.example.com/';

/** `claimName('roles')` → "https://claims.example.com/roles". */
export function claimName(name: string, namespace: string = CLAIM_NAMESPACE): string {
  return namespace.endsWith('/') ? `${namespace}${name}` : `${namespace}/${name}`;
}
