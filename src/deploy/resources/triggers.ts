import type { Management, ManagementClient } from 'auth0';
import { isRecord } from '../../lib/records.ts';
import { TRIGGER_SPECS } from '../../triggers.ts';
import { all, str } from './common.ts';
import type { ResourceHandler, SectionIssue, YamlItem } from './contract.ts';

// triggers: for each Actions trigger tenant.yaml names, its bindings in order (Action name and display
// name). A trigger left out of tenant.yaml is left alone; `[]` unbinds everything (as with a0deploy).

interface Binding {
  action_name: string;
  display_name: string;
}
interface Remote {
  trigger: string;
  bindings: Binding[];
}

const KNOWN = TRIGGER_SPECS.map((t) => t.id);

function bindingsOf(item: YamlItem): Binding[] {
  const list = Array.isArray(item['bindings']) ? item['bindings'] : [];
  return list.filter(isRecord).map((b) => ({ action_name: str(b['action_name']), display_name: str(b['display_name']) || str(b['action_name']) }));
}

const names = (list: readonly Binding[]) => list.map((b) => b.action_name);

/** One PATCH replacing all of the trigger's bindings, by Action name (as a0deploy sends them). */
async function bind(mgmt: ManagementClient, trigger: string, want: YamlItem): Promise<void> {
  const bindings = bindingsOf(want).map((b) => ({ ref: { type: 'action_name' as const, value: b.action_name }, display_name: b.display_name }));
  await mgmt.actions.triggers.bindings.updateMany(trigger as Management.ActionTriggerTypeEnum, { bindings });
}

export const triggers: ResourceHandler<Remote, 'triggers'> = {
  section: 'triggers',
  label: 'bindings',
  singleton: false,
  deletes: false,
  refersTo: ['actions'],
  parse(value) {
    const issues: SectionIssue[] = [];
    if (value === undefined || value === null) return { items: [], issues };
    if (!isRecord(value)) return { items: [], issues: [{ path: [], message: 'triggers must map each trigger (post-login, credentials-exchange…) to its bindings.' }] };
    const items: YamlItem[] = [];
    for (const [trigger, list] of Object.entries(value)) {
      if (!KNOWN.includes(trigger)) {
        issues.push({ path: [trigger], message: `"${trigger}" is not an Actions trigger claimkit knows: use one of ${KNOWN.join(', ')}.` });
        continue;
      }
      if (list !== null && !Array.isArray(list)) {
        issues.push({ path: [trigger], message: `triggers.${trigger} must be a list of { action_name, display_name }.` });
        continue;
      }
      const bindings = list ?? [];
      const bad = bindings.findIndex((b: unknown) => !isRecord(b) || typeof b['action_name'] !== 'string' || b['action_name'] === '');
      if (bad !== -1) {
        issues.push({ path: [trigger, bad], message: 'A binding needs action_name (an Action under actions:, or one the tenant has).' });
        continue;
      }
      items.push({ trigger, bindings });
    }
    return { items, issues };
  },
  key: (item) => str(item['trigger']),
  async read(mgmt: ManagementClient, ctx) {
    const ids = ctx.wanted ?? [...new Set((await mgmt.actions.triggers.list()).triggers?.map((t) => str(t.id)) ?? [])];
    return Promise.all(
      ids.map(async (trigger) => {
        const list = await all(mgmt.actions.triggers.bindings.list(trigger as Management.ActionTriggerTypeEnum, { per_page: 20 }));
        return { trigger, bindings: list.map((b) => ({ action_name: str(b.action?.name) || str(b.display_name), display_name: str(b.display_name) })) };
      }),
    );
  },
  ignores: () => false,
  idOf: (r) => r.trigger,
  toYaml: (r) => ({ trigger: r.trigger, bindings: r.bindings }),
  /** Order matters: the same Actions in another order, or another display name, is a change. */
  diff(want, have) {
    const a = bindingsOf(want);
    const b = bindingsOf(have);
    return a.length === b.length && a.every((x, i) => x.action_name === b[i]?.action_name && x.display_name === b[i]?.display_name) ? [] : ['bindings'];
  },
  summary: (want, have) => `[${names(have ? bindingsOf(have) : []).join(', ')}] → [${names(bindingsOf(want)).join(', ')}]`,
  references: (item) => bindingsOf(item).map((b, i) => ({ sections: ['actions'], name: b.action_name, path: [str(item['trigger']), i, 'action_name'] })),
  create: (want, { mgmt }) => bind(mgmt, str(want['trigger']), want),
  update: (want, r, { mgmt }) => bind(mgmt, r.trigger, want),
  async remove() {
    // A trigger left out of tenant.yaml keeps its bindings.
  },
};
