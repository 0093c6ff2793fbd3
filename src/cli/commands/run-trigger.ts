// Which trigger `claimkit run` runs: `--trigger`, else the trigger the named Action files are declared
// for in tenant.yaml (their supported_triggers), else post-login.
import fs from 'node:fs';
import { ClaimkitError } from '../../errors.ts';
import { actionNameOf } from '../../project/load-action.ts';
import { declaredTrigger, readTenantYaml, type TenantConfig } from '../../project/tenant-yaml.ts';
import { isTriggerId, supportedTriggersText, TRIGGER_IDS, type TriggerId } from '../../types/triggers.ts';

function declaredTriggers(files: readonly string[], tenant: TenantConfig | undefined): Array<{ name: string; trigger: TriggerId }> {
  return files.flatMap((file) => {
    const name = actionNameOf(file);
    const declared = tenant?.actions.find((a) => a.name === name);
    const trigger = declared ? declaredTrigger(declared) : undefined;
    return trigger === undefined ? [] : [{ name, trigger }];
  });
}

export function runTrigger(given: string | undefined, files: readonly string[], tenantFile: string): TriggerId {
  if (given !== undefined && !isTriggerId(given)) {
    throw new ClaimkitError('ERR_USAGE', `--trigger ${JSON.stringify(given)} is not a trigger claimkit runs. Use one of: ${TRIGGER_IDS.join(', ')}.`);
  }
  // With no file, the trigger's bound flow runs: nothing to look up.
  if (files.length === 0) return given ?? 'post-login';
  const tenant = fs.existsSync(tenantFile) ? readTenantYaml(tenantFile) : undefined;
  const declared = declaredTriggers(files, tenant);
  if (given !== undefined) {
    const other = declared.find((d) => d.trigger !== given);
    if (other) {
      throw new ClaimkitError('ERR_TRIGGER_UNSUPPORTED', `"${other.name}" is declared for ${other.trigger} in tenant.yaml (supported_triggers: ${supportedTriggersText(other.trigger)}), not ${given}. Drop --trigger, or fix its supported_triggers.`, {
        location: { file: tenantFile },
      });
    }
    return given;
  }
  const triggers = [...new Set(declared.map((d) => d.trigger))];
  if (triggers.length > 1) {
    throw new ClaimkitError('ERR_USAGE', `The Action files run on different triggers (${declared.map((d) => `${d.name}: ${d.trigger}`).join(', ')}); run each trigger's Actions separately.`);
  }
  return triggers[0] ?? 'post-login';
}
