// tenant.yaml against the Action files: what auth0-deploy-cli would deploy must be what we build.
import path from 'node:path';
import { checkDependency } from '../dependencies/spec.ts';
import { locate } from '../project/yaml-file.ts';
import { error, findingsOf, warning, type Finding } from './findings.ts';
import { DIST_DIR, MAX_BINDINGS, MAX_DEPENDENCIES, MAX_SECRETS, RETIRED_RUNTIMES, RUNTIME_TARGETS } from './limits.ts';
import type { Project } from './project.ts';
import { checkFilters } from './filters.ts';
import { checkSections } from './sections.ts';
import { TRIGGER_SPECS, triggerSpec } from '../triggers.ts';

export function checkConsistency(project: Project): Finding[] {
  const { tenant, sources } = project;
  const at = (p: ReadonlyArray<string | number>) => locate(tenant.yaml, p);
  const out: Finding[] = [];
  const seen = new Set<string>();
  tenant.actions.forEach((a, i) => {
    if (seen.has(a.name)) out.push(error('ERR_TENANT_YAML_INVALID', at(['actions', i, 'name']), `The Action "${a.name}" is declared twice. Keep one entry.`));
    seen.add(a.name);
    if (!sources.has(a.name)) {
      out.push(error('ERR_ACTION_FILE_MISSING', at(['actions', i, 'name']), `tenant.yaml declares "${a.name}" but actions/${a.name}.ts does not exist. Create it, or remove the entry.`));
    }
    const expected = `./${DIST_DIR}/${a.name}.js`;
    if (path.normalize(a.code) !== path.normalize(expected)) {
      out.push(error('ERR_CODE_PATH', at(['actions', i, 'code']), `"code" must point at the bundle claimkit builds: ${expected}. Otherwise a deploy sends something the tests never ran.`));
    }
    if (!Object.hasOwn(RUNTIME_TARGETS, a.runtime)) {
      out.push(error('ERR_TENANT_YAML_INVALID', at(['actions', i, 'runtime']), `Unsupported runtime "${a.runtime}". Use one of ${Object.keys(RUNTIME_TARGETS).join(', ')} (node22 for new Actions).`));
    } else if (RETIRED_RUNTIMES.includes(a.runtime)) {
      out.push(warning('ERR_RUNTIME_RETIRED', at(['actions', i, 'runtime']), `Runtime "${a.runtime}" is end of life: Auth0 asks you to move Actions to node22. The bundle targets ${RUNTIME_TARGETS[a.runtime]}.`));
    }
    if (!a.deployed) {
      // auth0-deploy-cli creates or updates such an Action but never deploys it; binding it then fails.
      out.push(error('ERR_ACTION_NOT_DEPLOYED', at(['actions', i, 'name']), `"${a.name}" lacks deployed: true. auth0-deploy-cli deploys only Actions marked so: without it the Action is uploaded but never runs, and binding it fails. Add deployed: true.`));
    }
    // One trigger per Action, at the version Auth0 builds new Actions for (src/triggers.ts).
    const triggers = a.supportedTriggers;
    const spec = triggers.length === 1 ? triggerSpec(triggers[0]?.id ?? '') : undefined;
    if (!spec || triggers[0]?.version !== spec.version) {
      const hint = spec ? `{ id: ${spec.id}, version: ${spec.version} }` : `one of ${TRIGGER_SPECS.map((t) => `{ id: ${t.id}, version: ${t.version} }`).join(', ')}`;
      out.push(error('ERR_TRIGGER_UNSUPPORTED', at(['actions', i, 'supported_triggers']), `supported_triggers must name one trigger at its current version: ${hint}.`));
    }
    if (a.dependencies.length > MAX_DEPENDENCIES) {
      out.push(error('ERR_TOO_MANY_DEPENDENCIES', at(['actions', i, 'dependencies']), `${a.dependencies.length} npm dependencies declared; Auth0 allows ${MAX_DEPENDENCIES} per Action. Bundle some instead.`));
    }
    // Only registry packages, by valid names and versions: checked before npm ever sees them.
    a.dependencies.forEach((d, j) => {
      try {
        checkDependency(d);
      } catch (err) {
        out.push(...findingsOf(err, tenant.file).map((f) => ({ ...f, location: at(['actions', i, 'dependencies', j]) })));
      }
    });
    if (a.secrets.length > MAX_SECRETS) {
      out.push(error('ERR_TOO_MANY_SECRETS', at(['actions', i, 'secrets']), `${a.secrets.length} secrets declared; Auth0 allows ${MAX_SECRETS} per Action.`));
    }
  });
  for (const [name, file] of sources) {
    if (!seen.has(name)) {
      out.push(error('ERR_ACTION_NOT_IN_TENANT', { file }, `actions/${path.basename(file)} has no entry in tenant.yaml, so it would never be deployed. Add it under actions: (name: ${name}).`));
    }
  }
  for (const [trigger, bindings] of Object.entries(tenant.triggers)) {
    bindings.forEach((b, i) => {
      const action = tenant.actions.find((a) => a.name === b.actionName);
      if (!action) {
        out.push(error('ERR_BINDING_UNKNOWN_ACTION', at(['triggers', trigger, i, 'action_name']), `${trigger} binds "${b.actionName}", which tenant.yaml does not declare under actions:.`));
      } else if (triggerSpec(trigger) !== undefined && !action.supportedTriggers.some((t) => t.id === trigger)) {
        const own = action.supportedTriggers.map((t) => t.id);
        const what = own.length === 0 ? 'an Action with no supported_triggers' : `a ${own.join(', ')} Action (its supported_triggers)`;
        const fix = own.length === 1 ? `Bind it under triggers.${own[0]}, or bind a ${trigger} Action here.` : 'Bind it under its own trigger.';
        out.push(error('ERR_BINDING_WRONG_TRIGGER', at(['triggers', trigger, i, 'action_name']), `${trigger} binds "${b.actionName}", ${what}: Auth0 refuses the binding. ${fix}`));
      }
    });
    if (bindings.length > MAX_BINDINGS) {
      out.push(error('ERR_TOO_MANY_BINDINGS', at(['triggers', trigger]), `${bindings.length} Actions are bound to ${trigger}; Auth0 allows ${MAX_BINDINGS}.`));
    }
  }
  out.push(...checkSections(tenant), ...checkFilters(tenant));
  return out;
}

