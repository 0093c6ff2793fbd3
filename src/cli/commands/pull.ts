import path from 'node:path';
import type { ClaimkitErrorCode } from '../../errors.ts';
import { pull, type PullSummary } from '../../pull/pull.ts';
import { EXIT, type CliIo } from '../io.ts';

export interface PullCommandOptions {
  out?: string;
  envName?: string;
  fromExport?: string;
  keywords: readonly string[];
  force: boolean;
  json: boolean;
}

/** A tenant or an API that failed (exit 1), as opposed to what the user gave (exit 2). */
const FAILED: readonly ClaimkitErrorCode[] = ['ERR_DEPLOY_AUTH', 'ERR_DEPLOY_UNREACHABLE', 'ERR_DEPLOY_API'];

export function formatPullSummary(s: PullSummary): string {
  if (!s.ok) return '';
  const lines = [`Pulled ${s.origin ?? ''} into ${s.out}`];
  const f = s.files;
  if (f) lines.push(`  files: ${f.created.length} new, ${f.changed.length} replaced, ${f.unchanged.length} unchanged${f.removed.length > 0 ? `, ${f.removed.length} removed (${f.removed.join(', ')})` : ''}`);
  const checked = s.actions.filter((a) => a.checked).length;
  lines.push(`  actions: ${s.actions.length} (${checked} type-checked with // @ts-check)`);
  for (const a of s.actions) lines.push(`    ${a.file}  ${a.trigger}${a.checked ? '' : ', not type-checked yet'}`);
  const used = Object.entries(s.keywords).sort(([a], [b]) => (a < b ? -1 : 1));
  if (used.length > 0) lines.push(`  keywords: ${used.map(([k, n]) => `##${k}## (${n} value(s))`).join(', ')}`);
  const left = s.notes.filter((n) => n.kind === 'left-out');
  const look = s.notes.filter((n) => n.kind === 'attention');
  if (left.length > 0) lines.push('Not in the project (left as it is on the tenant):', ...left.map((n) => `  - ${n.subject}: ${n.message}`));
  if (look.length > 0) lines.push('To look at:', ...look.map((n) => `  - ${n.subject}: ${n.message}`));
  lines.push('', 'Next: copy .env.example to .env and fill it in, then `claimkit deploy --dry-run` plans no change.');
  return `${lines.join('\n')}\n`;
}

/** `claimkit pull`: a tenant or an export into a project folder. Exit 0 written, 1 the tenant failed, 2 bad input. */
export async function pullCommand(options: PullCommandOptions, io: CliIo): Promise<number> {
  const summary = await pull({
    out: path.resolve(io.cwd, options.out ?? '.'),
    cwd: io.cwd,
    env: io.env,
    ...(options.envName === undefined ? {} : { envName: options.envName }),
    ...(options.fromExport === undefined ? {} : { fromExport: options.fromExport }),
    keywords: options.keywords,
    force: options.force,
    log: (line) => io.stderr(`${line}\n`),
  });
  if (options.json) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  else if (summary.ok) io.stdout(formatPullSummary({ ...summary, out: path.relative(io.cwd, summary.out) || '.' }));
  if (summary.ok) return EXIT.ok;
  const error = summary.error as NonNullable<PullSummary['error']>;
  if (!options.json) io.stderr(`claimkit pull: ${error.message} [${error.code}]\n`);
  return FAILED.includes(error.code) ? EXIT.failed : EXIT.usage;
}
