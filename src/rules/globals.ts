// The Rules sandbox's globals besides `configuration` and `require`: `UnauthorizedError` and `auth0`.
import { cloneJson, isPlainObject, setOwn } from '../harness/clone.ts';
import type { FlowState } from '../harness/state.ts';

/**
 * `callback(new UnauthorizedError(message))` denies the login with `error=unauthorized` and the message as
 * `error_description`; any other error gives `error=access_denied` (Auth0 support, "Troubleshooting the
 * access_denied error").
 */
export class UnauthorizedError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = 'UnauthorizedError';
  }
}

type Kind = 'app' | 'user';

/**
 * A Management API user update as `auth0.users.updateAppMetadata` made it, at once (not after the flow, as
 * in Actions): root-level properties are merged, lower levels replaced, `null` deletes a property, and an
 * empty object clears the metadata (docs: "Update Metadata Properties with the Management API").
 */
function patchMetadata(flow: FlowState, kind: Kind, patch: Record<string, unknown>): void {
  const target = flow.metadata[kind];
  const keys = Object.keys(patch);
  if (keys.length === 0) {
    for (const key of Object.keys(target)) {
      delete target[key];
      flow.metadataWrites[kind].add(key);
    }
  }
  for (const key of keys) {
    const value = patch[key];
    if (value === null) delete target[key];
    else if (value !== undefined) setOwn(target, key, cloneJson(value));
    flow.metadataWrites[kind].add(key);
  }
  flow.metadataChanged = true;
}

export interface Auth0Global {
  users: {
    updateAppMetadata(userId: unknown, metadata: unknown, cb?: unknown): Promise<unknown>;
    updateUserMetadata(userId: unknown, metadata: unknown, cb?: unknown): Promise<unknown>;
  };
  accessToken: string;
  domain: string;
  baseUrl: string;
}

/**
 * The Rules `auth0` object for one Rule's execution. Metadata updates of the user logging in are applied
 * to the flow and recorded in its calls; updates of other users are recorded only. A real Management API
 * token does not exist locally: `accessToken` is a placeholder that no API accepts.
 */
export function auth0Global(flow: FlowState, rule: string, domain: string): Auth0Global {
  const update = (kind: Kind, method: string) => (userId: unknown, metadata: unknown, cb?: unknown): Promise<unknown> => {
    flow.calls.push({ action: rule, method: `auth0.users.${method}`, args: [userId, cloneJson(metadata)] });
    let outcome: Promise<unknown>;
    if (!isPlainObject(metadata)) {
      // The Management API's answer to a body that is not an object (400, Payload validation error).
      outcome = Promise.reject(new Error(`Payload validation error: 'Expected type object but found type ${metadata === null ? 'null' : typeof metadata}' on property ${kind}_metadata.`));
    } else {
      if (userId === flow.event.user.user_id) patchMetadata(flow, kind, metadata);
      outcome = Promise.resolve(undefined);
    }
    if (typeof cb !== 'function') return outcome;
    // Node-style: the callback gets the error; the returned promise then never rejects.
    const done = cb as (err: unknown) => void;
    return outcome.then(() => done(null), (err: unknown) => done(err));
  };
  return {
    users: { updateAppMetadata: update('app', 'updateAppMetadata'), updateUserMetadata: update('user', 'updateUserMetadata') },
    accessToken: 'claimkit-local-rules-token',
    domain,
    baseUrl: `https://${domain}/api/v2`,
  };
}
