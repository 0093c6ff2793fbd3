import type { TenantData } from '../store/model.ts';

// What the tenant prints goes to tenant.log (a background tenant) or a terminal. Nothing secret may
// reach it, whatever is printed — a stack trace quoting a request, a warning, the start-up banner:
// known secret values are masked, and so is anything shaped like a credential.

const MASK = '[redacted]';

/** A quoted value stays quoted (JSON stays JSON). */
const maskValue = (_all: string, key: string, value: string) => `${key}${value.startsWith('"') ? `"${MASK}"` : value.startsWith("'") ? `'${MASK}'` : MASK}`;

const PATTERNS: ReadonlyArray<[RegExp, string | ((...groups: string[]) => string)]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, MASK],
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, MASK], // JWTs (access tokens, ID tokens)
  [/\b(Bearer|Basic)\s+[\w\-.~+/]+=*/gi, `$1 ${MASK}`],
  [
    /((?:client_secret|password|passwd|secret|secrets|value|token|access_token|refresh_token|id_token|signing_secret|authorization|password_hash|AUTH0_CLIENT_SECRET)["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,&}\]]+)/gi,
    maskValue,
  ],
];

/** The secret values a tenant holds: client secrets, Action (and version) secret values, API signing secrets. */
export function secretValues(data: TenantData): string[] {
  const out: string[] = [];
  for (const c of data.clients) out.push(c.client_secret);
  for (const a of data.actions) for (const s of a.secrets) out.push(s.value);
  for (const v of data.versions) for (const s of v.secrets) out.push(s.value);
  for (const rs of data.resourceServers) if (typeof rs['signing_secret'] === 'string') out.push(rs['signing_secret']);
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with every known secret (values of 4+ characters) and every credential-shaped string masked. */
export function redact(text: string, secrets: Iterable<string> = []): string {
  const known = [...new Set(secrets)].filter((s) => typeof s === 'string' && s.length >= 4).sort((a, b) => b.length - a.length);
  let out = known.length === 0 ? text : text.replace(new RegExp(known.map(escape).join('|'), 'g'), MASK);
  for (const [re, replacement] of PATTERNS) out = typeof replacement === 'string' ? out.replace(re, replacement) : out.replace(re, replacement);
  return out;
}

const sources = new Set<() => Iterable<string>>();

/** Makes the secrets `source` yields known to `redactLog` (a running tenant registers its store); returns the unregister. */
export function registerSecrets(source: () => Iterable<string>): () => void {
  sources.add(source);
  return () => sources.delete(source);
}

/** `redact` with every secret known to this process. */
export function redactLog(text: string): string {
  const all: string[] = [];
  for (const source of sources) {
    try {
      all.push(...source());
    } catch {
      // a source that fails still leaves the patterns
    }
  }
  return redact(text, all);
}

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;

/**
 * Routes everything this process writes to stdout and stderr — its own output, Node's warnings, stack
 * traces printed by handlers — through `redactLog`. A background tenant's output is tenant.log.
 */
export function redactProcessOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as Write;
    (stream as unknown as { write: Write }).write = (chunk, ...rest) => {
      const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
      return write(redactLog(text), ...rest.filter((r) => typeof r === 'function'));
    };
  }
}
