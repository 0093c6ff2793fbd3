import type { PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';
import { accessApi } from './access.ts';
import { authenticationApi } from './authentication.ts';
import { cacheApi } from './cache.ts';
import { groupsApi, rolesApi } from './directory.ts';
import { ignoreLateCalls } from './late.ts';
import { multifactorApi } from './multifactor.ts';
import { promptApi } from './prompt.ts';
import { redirectApi } from './redirect.ts';
import { refreshTokenApi } from './refresh-token.ts';
import { rulesApi } from './rules.ts';
import { samlResponseApi } from './saml.ts';
import { sessionApi } from './session.ts';
import { accessTokenApi, idTokenApi } from './tokens.ts';
import { transactionApi } from './transaction.ts';
import { userApi } from './user.ts';
import { validationApi } from './validation.ts';

/**
 * The `api` one Action receives. Each namespace is built on first use (getters on the prototype), so a
 * flow of small Actions pays only for what it touches.
 */
class HarnessApi implements PostLoginApi {
  readonly #ctx: ActionContext;
  #access?: PostLoginApi['access'];
  #accessToken?: PostLoginApi['accessToken'];
  #idToken?: PostLoginApi['idToken'];
  #authentication?: PostLoginApi['authentication'];
  #multifactor?: PostLoginApi['multifactor'];
  #redirect?: PostLoginApi['redirect'];
  #user?: PostLoginApi['user'];
  #cache?: PostLoginApi['cache'];
  #samlResponse?: PostLoginApi['samlResponse'];
  #validation?: PostLoginApi['validation'];
  #rules?: PostLoginApi['rules'];
  #prompt?: PostLoginApi['prompt'];
  #refreshToken?: PostLoginApi['refreshToken'];
  #session?: PostLoginApi['session'];
  #transaction?: PostLoginApi['transaction'];
  #groups?: PostLoginApi['groups'];
  #roles?: PostLoginApi['roles'];

  constructor(ctx: ActionContext) {
    this.#ctx = ctx;
  }

  #guard<T extends object>(ns: string, namespace: T): T {
    return ignoreLateCalls(this.#ctx, this, ns, namespace);
  }

  get access(): PostLoginApi['access'] { return (this.#access ??= this.#guard('access', accessApi(this.#ctx, this))); }
  get accessToken(): PostLoginApi['accessToken'] { return (this.#accessToken ??= this.#guard('accessToken', accessTokenApi(this.#ctx, this))); }
  get idToken(): PostLoginApi['idToken'] { return (this.#idToken ??= this.#guard('idToken', idTokenApi(this.#ctx, this))); }
  get authentication(): PostLoginApi['authentication'] { return (this.#authentication ??= this.#guard('authentication', authenticationApi(this.#ctx, this))); }
  get multifactor(): PostLoginApi['multifactor'] { return (this.#multifactor ??= this.#guard('multifactor', multifactorApi(this.#ctx, this))); }
  get redirect(): PostLoginApi['redirect'] { return (this.#redirect ??= this.#guard('redirect', redirectApi(this.#ctx, this))); }
  get user(): PostLoginApi['user'] { return (this.#user ??= this.#guard('user', userApi(this.#ctx, this))); }
  get cache(): PostLoginApi['cache'] { return (this.#cache ??= this.#guard('cache', cacheApi(this.#ctx))); }
  get samlResponse(): PostLoginApi['samlResponse'] { return (this.#samlResponse ??= this.#guard('samlResponse', samlResponseApi(this.#ctx))); }
  get validation(): PostLoginApi['validation'] { return (this.#validation ??= this.#guard('validation', validationApi(this.#ctx, this))); }
  get rules(): PostLoginApi['rules'] { return (this.#rules ??= this.#guard('rules', rulesApi(this.#ctx))); }
  get prompt(): PostLoginApi['prompt'] { return (this.#prompt ??= this.#guard('prompt', promptApi(this.#ctx))); }
  get refreshToken(): PostLoginApi['refreshToken'] { return (this.#refreshToken ??= this.#guard('refreshToken', refreshTokenApi(this.#ctx))); }
  get session(): PostLoginApi['session'] { return (this.#session ??= this.#guard('session', sessionApi(this.#ctx))); }
  get transaction(): PostLoginApi['transaction'] { return (this.#transaction ??= this.#guard('transaction', transactionApi(this.#ctx))); }
  get groups(): PostLoginApi['groups'] { return (this.#groups ??= this.#guard('groups', groupsApi(this.#ctx))); }
  get roles(): PostLoginApi['roles'] { return (this.#roles ??= this.#guard('roles', rolesApi(this.#ctx))); }
}

export function createApi(ctx: ActionContext): PostLoginApi {
  return new HarnessApi(ctx);
}
