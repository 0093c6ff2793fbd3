import { eventOverrides, type ParityReport } from '../../parity/index.ts';

const MAX_VALUE = 200;
const MAX_EVENT = 4000;
const TOP = 6;

function value(v: unknown): string {
  if (v === undefined) return '(absent)';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}… (${text.length} characters)` : text;
}

function coverageLines(report: ParityReport): string[] {
  const lines = [`Coverage of the ${report.ran} login(s) run:`];
  for (const [group, features] of Object.entries(report.coverage)) {
    const sorted = Object.entries(features).sort((a, b) => b[1] - a[1]);
    const shown = sorted.slice(0, TOP).map(([f, n]) => `${f} ${n}`);
    if (sorted.length > TOP) shown.push(`${sorted.length - TOP} more`);
    lines.push(`  ${group}: ${shown.join(' · ')}`);
  }
  return lines;
}

/** The human report of a parity run. */
export function formatParityReport(report: ParityReport, o: { rule: string; action: string; saved: string | undefined }): string {
  const replay = `claimkit parity ${o.rule} ${o.action} --seed ${report.seed} --runs ${report.runs}`;
  const d = report.divergence;
  if (!d) {
    return [
      `PARITY: the Rule and the Action agree on all ${report.runs} generated logins (seed ${report.seed}): claims per token, scopes, denials, metadata, MFA and redirects.`,
      '',
      ...coverageLines(report),
      '',
    ].join('\n');
  }
  let event = JSON.stringify(eventOverrides(d.event), null, 2);
  if (event.length > MAX_EVENT) event = `${event.slice(0, MAX_EVENT)}\n… (${event.length - MAX_EVENT} more characters; the whole event is in the saved file)`;
  return [
    `DIVERGED: the Rule and the Action differ (found on login ${d.foundAfter} of ${report.runs}, shrunk ${d.shrinks} time(s), seed ${report.seed}).`,
    '',
    'Differences on the smallest login found (Rule → Action):',
    ...d.differences.map((x) => `  ${x.path}: ${value(x.rule)} → ${value(x.action)}`),
    '',
    'That login, as what it changes in the default event:',
    event,
    ...(o.saved ? ['', `Saved as an event file: ${o.saved}`, `  claimkit run --rule ${o.rule} --event ${o.saved}`, `  claimkit run ${o.action} --event ${o.saved}`] : []),
    '',
    `Replay: ${replay}`,
    '',
    ...coverageLines(report),
    '',
  ].join('\n');
}
