// The generic claims Action: applies claims.yaml, embedded into this bundle at build time (no file reads
// at login). The logic is the pure function computeClaims; this file only wires it to the api.
import config from '../claims.yaml';
import { applyClaims } from '../src/runtime/claims/apply.ts';
import type { PostLoginAction } from '../src/types/index.ts';

export const onExecutePostLogin: PostLoginAction['onExecutePostLogin'] = async (event, api) => {
  applyClaims(config, event, api);
};
