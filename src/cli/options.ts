import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

const json = { type: 'boolean', default: false } as const;
const tenant = { type: 'string' } as const;
const env = { type: 'string' } as const;

/**
 * Every option of every project command, in one table: main.ts parses with it, and a test holds it
 * equal to what README.md documents. (`claimkit tenant` parses its own options.)
 */
export const COMMAND_OPTIONS = {
  run: {
    event: { type: 'string' },
    continue: { type: 'string' },
    http: { type: 'string' },
    tenant,
    now: { type: 'string' },
    trigger: { type: 'string' },
    rule: { type: 'string', multiple: true },
    rules: { type: 'boolean', default: false },
    json,
  },
  check: { claims: { type: 'string' }, tenant, env, json },
  build: { tenant, env, json },
  deploy: {
    tenant,
    env,
    json,
    'dry-run': { type: 'boolean', default: false },
    'allow-delete': { type: 'boolean', default: false },
    'resend-passthrough': { type: 'boolean', default: false },
    local: { type: 'boolean', default: false },
  },
  dev: { tenant },
  migrate: { out: { type: 'string' }, tenant, force: { type: 'boolean', default: false }, json },
  parity: { runs: { type: 'string' }, seed: { type: 'string' }, http: { type: 'string' }, tenant, env, json },
  login: { user: { type: 'string' }, password: { type: 'string' }, client: { type: 'string' }, audience: { type: 'string' }, scope: { type: 'string' }, json },
  inspect: { domain: { type: 'string' }, jwks: { type: 'string' }, audience: { type: 'string' }, json },
  pull: {
    out: { type: 'string' },
    env,
    json,
    keyword: { type: 'string', multiple: true },
    'from-export': { type: 'string' },
    force: { type: 'boolean', default: false },
  },
} as const satisfies Record<string, ParseArgsOptionsConfig>;

export type OptionCommand = keyof typeof COMMAND_OPTIONS;

/** Parses one command's arguments; unknown options throw Node's ERR_PARSE_ARGS_* errors. */
export function parseCommandArgs<C extends OptionCommand>(command: C, args: string[], allowPositionals = false) {
  return parseArgs({ args, options: COMMAND_OPTIONS[command], allowPositionals, strict: true });
}
