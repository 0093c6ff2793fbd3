// The generic credentials-exchange Action: applies claims.yaml's `machine_claims` to the access tokens
// machines get with the client-credentials grant, embedded into this bundle at build time (no file reads
// at run time). The logic is the pure function computeMachineClaims; this file only wires it to the api.
import config from '../claims.yaml';
import { applyMachineClaims } from '../src/runtime/claims/apply-machine.ts';
import type { CredentialsExchangeAction } from '../src/types/index.ts';

export const onExecuteCredentialsExchange: CredentialsExchangeAction['onExecuteCredentialsExchange'] = async (event, api) => {
  applyMachineClaims(config, event, api);
};
