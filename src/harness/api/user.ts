import type { PostLoginApi } from '../../types/api.ts';
import { cloneJson, isPlainObject, setOwn } from '../clone.ts';
import type { ActionContext } from '../state.ts';
import { invalidArgument } from './errors.ts';

function setMetadata(target: Record<string, unknown>, key: string, value: unknown): void {
  if (typeof key !== 'string' || key.length === 0) throw invalidArgument('The metadata key must be a non-empty string.');
  // `null` deletes the key (Auth0 docs, post-login api object: api.user.setAppMetadata).
  if (value === null) delete target[key];
  else setOwn(target, key, cloneJson(value));
}

export function userApi(ctx: ActionContext, api: PostLoginApi): PostLoginApi['user'] {
  return {
    setAppMetadata(key, value) {
      ctx.record('user.setAppMetadata', [key, value]);
      if (!isPlainObject(ctx.event.user.app_metadata)) throw invalidArgument('event.user.app_metadata is not an object.');
      setMetadata(ctx.flow.metadata.app, key, value);
      ctx.flow.metadataChanged = true;
      return api;
    },
    setUserMetadata(key, value) {
      ctx.record('user.setUserMetadata', [key, value]);
      if (!isPlainObject(ctx.event.user.user_metadata)) throw invalidArgument('event.user.user_metadata is not an object.');
      setMetadata(ctx.flow.metadata.user, key, value);
      ctx.flow.metadataChanged = true;
      return api;
    },
  };
}
