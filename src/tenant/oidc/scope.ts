// A `scope` as careless clients send it: `'openid ' + extra` with nothing in `extra`, or two spaces
// between values. Auth0 takes it (and the client-credentials grant here splits on spaces too); the
// provider follows RFC 6749 §3.3 to the letter and refuses it as "scope contains invalid characters".
// The values are kept; only the empty ones between spaces go.

export const tidyScope = (scope: string): string => scope.split(' ').filter(Boolean).join(' ');
