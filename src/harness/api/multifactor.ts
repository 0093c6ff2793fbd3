import type { MultifactorProvider, PostLoginApi } from '../../types/api.ts';
import { isPlainObject } from '../clone.ts';
import type { ActionContext } from '../state.ts';
import { checkOptions, typeName } from './checks.ts';
import { invalidArgument } from './errors.ts';

// The providers of @auth0/actions RequireMultifactorAuth.
const PROVIDERS: readonly unknown[] = ['none', 'guardian', 'google-authenticator', 'duo', 'any'] satisfies MultifactorProvider[];

function checkDuo(providerOptions: unknown): void {
  if (!isPlainObject(providerOptions)) {
    throw invalidArgument(`multifactor.enable('duo') needs options.providerOptions { host, ikey, skey }, got ${typeName(providerOptions)}.`);
  }
  for (const name of ['host', 'ikey', 'skey']) {
    const value = providerOptions[name];
    if (typeof value !== 'string' || value.length === 0) throw invalidArgument(`multifactor.enable('duo'): providerOptions.${name} must be a non-empty string.`);
  }
  if (providerOptions['username'] !== undefined && typeof providerOptions['username'] !== 'string') {
    throw invalidArgument(`multifactor.enable('duo'): providerOptions.username must be a string.`);
  }
}

/** The recorded arguments, with Duo's secret key hidden: calls end up in `claimkit run --json` output. */
function redacted(provider: unknown, options: unknown): unknown[] {
  if (options === undefined) return [provider];
  if (!isPlainObject(options) || !isPlainObject(options['providerOptions']) || options['providerOptions']['skey'] === undefined) {
    return [provider, options];
  }
  return [provider, { ...options, providerOptions: { ...options['providerOptions'], skey: '[redacted]' } }];
}

export function multifactorApi(ctx: ActionContext, api: PostLoginApi): PostLoginApi['multifactor'] {
  return {
    enable(provider, options) {
      ctx.record('multifactor.enable', redacted(provider, options));
      if (!PROVIDERS.includes(provider)) {
        throw invalidArgument(`multifactor.enable: the provider must be one of ${PROVIDERS.join(', ')}; got ${JSON.stringify(provider) ?? 'undefined'}.`);
      }
      checkOptions(options, 'multifactor.enable: options', ['allowRememberBrowser', 'providerOptions']);
      const remember = options?.allowRememberBrowser;
      if (remember !== undefined && typeof remember !== 'boolean') throw invalidArgument('multifactor.enable: allowRememberBrowser must be a boolean.');
      if (provider === 'duo') checkDuo(options?.providerOptions);
      else if (options?.providerOptions !== undefined) throw invalidArgument(`multifactor.enable: providerOptions only apply to 'duo', not '${provider}'.`);
      ctx.flow.effects.set('multifactor.enable', { provider, allowRememberBrowser: remember ?? false, providerOptions: options?.providerOptions });
      return api;
    },
  };
}
