// A small .env reader (KEY=value lines, # comments, optional quotes, `export ` prefix). Values from the
// real environment win over the file, as dotenv does.
import fs from 'node:fs';
import path from 'node:path';
import { ClaimkitError } from '../errors.ts';
import { INPUT_LIMITS } from './input-limits.ts';
import { readInputFile } from './read-input.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export function parseDotenv(text: string, file: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) {
      throw new ClaimkitError('ERR_CONFIG_INVALID', 'Expected KEY=value. Fix or comment out this line.', { location: { file, line: i + 1, column: 1 } });
    }
    let value = (m[2] as string).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    out[m[1] as string] = value;
  });
  return out;
}

/** The environment a project command runs with: `.env` (or `.env.<name>`) under the real environment. */
export function projectEnv(root: string, env: Env, name?: string): Env {
  const file = path.join(root, name ? `.env.${name}` : '.env');
  if (!fs.existsSync(file)) {
    if (name) throw new ClaimkitError('ERR_FILE_NOT_FOUND', `--env ${name} needs ${file}; create it with the tenant's AUTH0_* settings and keyword mappings.`);
    return env;
  }
  return { ...parseDotenv(readInputFile(file, INPUT_LIMITS.dotenv), file), ...definedOnly(env) };
}

/** The variables that have a value. */
export function definedOnly(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
