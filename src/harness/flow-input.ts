import { MAX_BINDINGS, MAX_SECRETS } from '../build/limits.ts';
import { ClaimkitError } from '../errors.ts';
import type { PostLoginAction } from '../types/action.ts';

/** An Action module with the name it has in tenant.yaml, and its own secrets (event.secrets). */
export interface Named<A> {
  name: string;
  action: A;
  secrets?: Readonly<Record<string, string>>;
}

/** One Action, named or not, or a flow of them in binding order. */
export type ActionsInput<A> = A | Named<A> | ReadonlyArray<A | Named<A>>;

export type NamedAction = Named<PostLoginAction>;
export type FlowInput = ActionsInput<PostLoginAction>;

// Actions Limitations, "Secrets": names at most 128 characters, values at most 4096.
const MAX_SECRET_NAME_LENGTH = 128;
const MAX_SECRET_VALUE_LENGTH = 4096;

function isNamed<A>(a: A | Named<A>): a is Named<A> {
  const named = a as Named<A>;
  return typeof named.name === 'string' && typeof named.action === 'object' && named.action !== null;
}

export function normalise<A extends object>(input: ActionsInput<A>): Array<Named<A>> {
  const list: ReadonlyArray<A | Named<A>> = Array.isArray(input) ? input : [input as A | Named<A>];
  // Auth0 binds at most 20 Actions to a trigger (entity limits; `claimkit check` refuses more in tenant.yaml).
  if (list.length > MAX_BINDINGS) {
    throw new ClaimkitError('ERR_TOO_MANY_BINDINGS', `A flow of ${list.length} Actions cannot exist on Auth0: a trigger binds at most ${MAX_BINDINGS}.`);
  }
  const actions = list.map((a, i): Named<A> => (isNamed(a) ? a : { name: `action-${i + 1}`, action: a }));
  for (const a of actions) checkSecrets(a);
  return actions;
}

/**
 * Secrets Auth0 could not store: more than 30 per Action, a name over 128 characters or a value over 4096
 * (Actions Limitations, "Secrets"; entity limits). The message names the secret, never its value.
 */
function checkSecrets({ name, secrets }: Named<unknown>): void {
  if (secrets === undefined) return;
  const entries = Object.entries(secrets);
  const problem =
    entries.length > MAX_SECRETS
      ? `has ${entries.length} secrets; Auth0 allows ${MAX_SECRETS} per Action`
      : entries
          .map(([key, value]) =>
            key.length > MAX_SECRET_NAME_LENGTH
              ? `has a secret name of ${key.length} characters ("${key.slice(0, 20)}…"); Auth0 allows ${MAX_SECRET_NAME_LENGTH}`
              : typeof value !== 'string' || value.length > MAX_SECRET_VALUE_LENGTH
                ? `has a secret "${key}" whose value is not a string of at most ${MAX_SECRET_VALUE_LENGTH} characters`
                : undefined,
          )
          .find((p) => p !== undefined);
  if (problem) throw new ClaimkitError('ERR_USAGE', `The Action "${name}" ${problem}.`);
}
