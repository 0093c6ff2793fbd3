import type { ClaimFinding } from '../policy/index.ts';
import type { Inspection } from './inspect.ts';

// Tokens as people read them: what the token is and for whom, the verdict, standard claims, then the
// custom claims (marked ★) with what Auth0's rules say about each.

const json = (v: unknown) => JSON.stringify(v);

function until(iso: string | undefined, now: number): string {
  if (!iso) return 'no expiry';
  const s = Math.round((Date.parse(iso) - now) / 1000);
  if (s <= 0) return `expired ${iso}`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `expires ${iso} (in ${h > 0 ? `${h} h ` : ''}${m} min)`;
}

export function describeToken(i: Inspection): string {
  if (i.format === 'opaque') return 'Opaque access token (no audience: only /userinfo takes it)';
  const alg = `${String(i.header?.['alg'] ?? '?')}, kid ${String(i.header?.['kid'] ?? '—')}`;
  if (i.type === 'id_token') return `ID token (JWT, ${alg}) for the application ${i.audience.join(', ')}`;
  const apis = i.audience.filter((a) => !a.endsWith('/userinfo'));
  const userinfo = i.audience.length > apis.length ? ' and /userinfo' : '';
  return `Access token (JWT, ${alg}) for ${apis.length ? `the API ${apis.join(', ')}` : 'no API'}${userinfo}`;
}

export function formatInspection(i: Inspection, options: { now?: number; dropped?: readonly ClaimFinding[] } = {}): string {
  const now = options.now ?? Date.now();
  const lines = [describeToken(i)];
  lines.push(i.verdict.valid ? `  ✔ valid: ${i.verdict.message}; ${until(i.expiresAt, now)}` : `  ✘ ${i.verdict.reason}: ${i.verdict.message}`);
  for (const note of i.notes) lines.push(`  note: ${note}`);
  if (i.format === 'jwt') {
    lines.push('  Standard claims:');
    for (const [k, v] of Object.entries(i.standard)) lines.push(`    ${k}: ${json(v)}`);
    lines.push(Object.keys(i.custom).length ? '  Custom claims:' : '  Custom claims: none');
    for (const [k, v] of Object.entries(i.custom)) {
      lines.push(`    ★ ${k}: ${json(v)}`);
      for (const f of i.flags.filter((x) => x.claim === k)) lines.push(`        ${f.effect === 'drop' ? '✘ Auth0 would drop it' : '⚠'}: ${f.reason}`);
    }
  } else if (i.userinfo) {
    lines.push('  /userinfo says:');
    for (const [k, v] of Object.entries(i.userinfo)) lines.push(`    ${k}: ${json(v)}`);
  }
  if (options.dropped?.length) {
    lines.push('  Dropped at login (the Actions set them; Auth0 leaves them out):');
    for (const d of options.dropped) lines.push(`    ✘ ${d.claim}: ${d.reason}`);
  }
  return lines.join('\n');
}

/** The custom claims of a token, one a line (★), with Auth0's verdict on each: what a deploy shows. */
export function customClaimLines(i: Inspection, indent = '    '): string[] {
  const entries = Object.entries(i.custom);
  if (entries.length === 0) return [`${indent}(no custom claims)`];
  const lines: string[] = [];
  for (const [k, v] of entries) {
    lines.push(`${indent}★ ${k}: ${json(v)}`);
    for (const f of i.flags.filter((x) => x.claim === k)) lines.push(`${indent}    ${f.effect === 'drop' ? '✘' : '⚠'} ${f.reason}`);
  }
  return lines;
}
