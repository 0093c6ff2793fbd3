import { parseArgs } from 'node:util';
import { isClaimkitError } from '../errors.ts';
import { checkCommand } from './commands/check.ts';
import { runCommand } from './commands/run.ts';
import { EXIT, processIo, type CliIo } from './io.ts';

const USAGE = `Usage: claimkit <command> [options]

Commands:
  run [ACTION_FILE ...] [--event EVENT.json] [--continue CONTINUE.json] [--tenant tenant.yaml] [--json]
      Run Actions (or, with no file, the post-login flow bound in tenant.yaml) on an event,
      as Auth0's runtime would, and report the tokens' claims, what Auth0 drops, metadata and logs.
  check [--claims claims.yaml] [--tenant tenant.yaml] [--json]
      Validate claims.yaml and tenant.yaml; report every error with file:line:column.
  help
      Show this help.
`;

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        event: { type: 'string' },
        continue: { type: 'string' },
        tenant: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    const { code } = await runCommand(
      {
        files: positionals,
        json: values.json === true,
        ...(values.event === undefined ? {} : { eventFile: values.event }),
        ...(values.continue === undefined ? {} : { continueFile: values.continue }),
        ...(values.tenant === undefined ? {} : { tenantFile: values.tenant }),
      },
      io,
    );
    return code;
  },
  async check(args, io) {
    const { values } = parseArgs({
      args,
      options: { claims: { type: 'string' }, tenant: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    return checkCommand(
      {
        json: values.json === true,
        ...(values.claims === undefined ? {} : { claimsFile: values.claims }),
        ...(values.tenant === undefined ? {} : { tenantFile: values.tenant }),
      },
      io,
    );
  },
  async help(_args, io) {
    io.stdout(USAGE);
    return EXIT.ok;
  },
};

/** The CLI entry: parses argv, runs one command, prints errors; the bin turns the result into the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr(`claimkit: unknown command "${name}".\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    if (isClaimkitError(err)) {
      // Errors that reach here are bad usage or bad input: the user was told what to fix.
      io.stderr(`claimkit ${name}: ${err.message} [${err.code}]\n`);
      return EXIT.usage;
    }
    const nodeCode = (err as { code?: unknown } | null)?.code;
    if (typeof nodeCode === 'string' && nodeCode.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`claimkit ${name}: ${(err as Error).message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    throw err;
  }
}
