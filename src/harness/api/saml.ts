import type { PostLoginApi } from '../../types/api.ts';
import { cloneJson, setOwn } from '../clone.ts';
import type { ActionContext } from '../state.ts';
import { effectRecord } from './checks.ts';
import { invalidArgument } from './errors.ts';
import { checkAttributeName, checkAttributeValue, SAML_SETTERS, type SamlSetter } from './saml-config.ts';

// Auth0 limits (docs, Actions Limitations, "SAML attributes"): at most 100 attributes changed or added by
// Actions, and "the total SAML assertions have a maximum size of 10kB". @auth0/actions checks the
// attributes as JSON against its own MAX_SAML_BYTES (100 KiB); claimkit checks the same JSON against the
// docs' 10 KiB, the stricter of the two (docs/fidelity.md).
const MAX_SAML_BYTES = 10 * 1024;
const MAX_SAML_ATTRIBUTES = 100;
// The runtime's default when setNameIdentifierFormat is called without a value.
const DEFAULT_NAME_ID_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

// Effects: 'samlResponse.configuration' holds every property set so far (keyed as Auth0 names them);
// 'samlResponse.attributes' holds every attribute set so far, null meaning "remove it from the assertion".
export function samlResponseApi(ctx: ActionContext): PostLoginApi['samlResponse'] {
  const set = (name: SamlSetter) => (input: unknown): void => {
    ctx.record(`samlResponse.${name}`, [input]);
    const value = input === undefined && name === 'setNameIdentifierFormat' ? DEFAULT_NAME_ID_FORMAT : input;
    // An invalid value throws and fails the execution: Auth0 will not silently drop SAML settings.
    const [property, check] = SAML_SETTERS[name];
    // The runtime's schema skips an undefined property, so undefined is accepted and changes nothing.
    if (value === undefined) return;
    const problem = check(value);
    if (problem) throw invalidArgument(`samlResponse.${name}: the value ${problem}.`);
    setOwn(effectRecord(ctx, 'samlResponse.configuration'), property, cloneJson(value));
  };
  const setters = {} as Record<SamlSetter, (value: unknown) => void>;
  for (const name of Object.keys(SAML_SETTERS) as SamlSetter[]) setters[name] = set(name);
  return {
    ...setters,
    setAttribute(attribute, input) {
      ctx.record('samlResponse.setAttribute', [attribute, input]);
      const value = input ?? null;
      const nameProblem = checkAttributeName(attribute);
      if (nameProblem) throw invalidArgument(`samlResponse.setAttribute: the attribute name ${nameProblem}.`);
      const valueProblem = checkAttributeValue(value);
      if (valueProblem) throw invalidArgument(`samlResponse.setAttribute("${attribute}"): the value ${valueProblem}.`);
      const attributes = effectRecord(ctx, 'samlResponse.attributes');
      const count = Object.keys({ ...attributes, [attribute]: value }).length;
      if (count > MAX_SAML_ATTRIBUTES) throw invalidArgument(`Actions would change ${count} SAML attributes; Auth0 allows ${MAX_SAML_ATTRIBUTES}.`);
      const bytes = Buffer.byteLength(JSON.stringify({ ...attributes, [attribute]: value }), 'utf8');
      if (bytes > MAX_SAML_BYTES) throw invalidArgument(`The SAML attributes would be ${bytes} bytes as JSON; Auth0 allows ${MAX_SAML_BYTES}.`);
      setOwn(attributes, attribute, cloneJson(value));
    },
  };
}
