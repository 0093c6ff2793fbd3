// After a pull has written the project: would a deploy plan no change for each Action? Its source is
// bundled where it now lives — the way `claimkit build` bundles it, with the project's tsconfig — and the
// bundle held to the code the tenant runs, as a deploy's plan compares them (code.ts). Any Action that
// would change, or that the build would refuse, is said now rather than at the first deploy.
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { bundleActions } from '../build/bundle.ts';
import { commonTarget } from '../build/limits.ts';
import { replaceKeywords } from '../claims/keywords.ts';
import type { YamlItem } from '../deploy/resources/contract.ts';
import { sameCode } from '../deploy/resources/code.ts';
import { packageOf } from '../engine/executor/require.ts';
import { errorMessage } from '../errors.ts';
import { isRecord } from '../lib/records.ts';
import { note, type PullNote } from './model.ts';

const listOf = (v: unknown) => (Array.isArray(v) ? v.filter(isRecord) : []);

export async function roundTripNotes(out: string, actions: readonly YamlItem[], mappings: Record<string, unknown>): Promise<PullNote[]> {
  if (actions.length === 0) return [];
  const external = [...new Set(actions.flatMap((a) => listOf(a['dependencies']).map((d) => String(d['name']))))];
  const entries = actions.map((a) => ({ name: String(a['name']), file: path.join(out, 'actions', `${String(a['name'])}.js`) }));
  try {
    const bundles = await bundleActions(entries, { external, target: commonTarget(actions.map((a) => String(a['runtime'] ?? 'node22'))), root: out, env: {} });
    const notes: PullNote[] = [];
    for (const a of actions) {
      const name = String(a['name']);
      const bundle = bundles.find((b) => b.name === name);
      if (!bundle || !sameCode(replaceKeywords(bundle.code, mappings), replaceKeywords(String(a['code'] ?? ''), mappings), name)) {
        notes.push(note('attention', `action ${name}`, "a deploy would update it: its bundle is not the program the tenant runs (is the folder's tsconfig \"strict\"? esbuild then adds \"use strict\" to every bundle; pull into a folder of its own)."));
      }
      // Auth0 accepts a declared package the code never requires; claimkit check does not.
      const used = new Set((bundle?.imports ?? []).filter((i) => !isBuiltin(i)).map(packageOf));
      const unused = listOf(a['dependencies']).map((d) => String(d['name'])).filter((d) => bundle && !used.has(d));
      if (unused.length > 0) {
        notes.push(note('attention', `action ${name}`, `declares ${unused.join(', ')} but its code never requires ${unused.length === 1 ? 'it' : 'them'}: claimkit check refuses that (ERR_DEPENDENCY_UNUSED), so the first deploy would stop. Remove ${unused.length === 1 ? 'it' : 'them'} from the Action's dependencies in tenant.yaml (that deploy then updates the Action without ${unused.length === 1 ? 'it' : 'them'}).`));
      }
    }
    return notes;
  } catch (err) {
    return [note('attention', 'actions', `claimkit build refuses the pulled Actions as they are: ${errorMessage(err).split('\n')[0]}`)];
  }
}
