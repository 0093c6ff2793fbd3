// Each pulled Action's file, actions/<name>.js: its deployed code made readable (readable.ts), the
// --keyword values put into its string literals, and notes where `claimkit check` will want a change.
import type { YamlItem } from '../deploy/resources/contract.ts';
import { ClaimkitError } from '../errors.ts';
import { replaceKeywords } from '../claims/keywords.ts';
import { isRecord } from '../lib/records.ts';
import { triggerSpec } from '../triggers.ts';
import { keywordMappings, keywordsInCode, type Keyword, type KeywordUse } from './keywords.ts';
import { note, type PullNote } from './model.ts';
import { readableAction } from './readable.ts';

export interface PulledActionFile {
  name: string;
  file: string;
  trigger: string;
  code: string;
  /** Its handler has the trigger's official type. */
  typed: boolean;
}

const triggersOf = (a: YamlItem) => (Array.isArray(a['supported_triggers']) ? a['supported_triggers'].filter(isRecord) : []);

export async function actionFiles(actions: readonly YamlItem[], keywords: readonly Keyword[], use: KeywordUse, notes: PullNote[]): Promise<PulledActionFile[]> {
  const out: PulledActionFile[] = [];
  const mappings = keywordMappings(keywords);
  for (const a of actions) {
    const name = String(a['name']);
    const triggers = triggersOf(a);
    const trigger = String(triggers[0]?.['id'] ?? 'post-login');
    const spec = triggerSpec(trigger);
    if (triggers.length !== 1 || !spec || triggers[0]?.['version'] !== spec.version) {
      const had = triggers.map((t) => `${String(t['id'])} ${String(t['version'])}`).join(', ') || 'none';
      notes.push(note('attention', `action ${name}`, `supported_triggers is ${had}; claimkit check wants one trigger at its current version${spec ? ` (${spec.id} ${spec.version})` : ''}. Migrate the Action (Auth0's migration guide for the trigger), then change tenant.yaml.`));
    }
    if (Array.isArray(a['modules']) && a['modules'].length > 0) {
      notes.push(note('attention', `action ${name}`, 'uses Action modules, which claimkit deploys without (a deploy that changes this Action sends no modules): keep such Actions unchanged, or manage them in the Dashboard.'));
    }
    const readable = await readableAction(name, trigger, typeof a['code'] === 'string' ? a['code'] : '');
    if (readable.keptAsIs) notes.push(note('attention', `action ${name}`, `its code is in actions/${name}.js as deployed: ${readable.keptAsIs}.`));
    const replaced = keywordsInCode(readable.code, keywords, use);
    if (!replaced.ok) notes.push(note('attention', `action ${name}`, 'its code could not be read as JavaScript, so no --keyword value was replaced in it.'));
    if (replaceKeywords(replaced.code, mappings) !== replaceKeywords(readable.code, mappings)) {
      throw new ClaimkitError('ERR_PULL_KEYWORD', `Action ${name}'s code already holds ##NAME## or @@NAME@@ text for one of the --keyword names, so they could not be replaced back faithfully. Choose other keyword names; nothing was written.`);
    }
    out.push({ name, file: `actions/${name}.js`, trigger, code: replaced.code, typed: readable.typed });
  }
  return out;
}
