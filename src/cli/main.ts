import path from 'node:path';
import { parseArgs } from 'node:util';
import { jestRunner } from '../dev/jest-runner.ts';
import { dev } from '../dev/watch.ts';
import { isClaimkitError } from '../errors.ts';
import { buildCommand } from './commands/build.ts';
import { checkCommand } from './commands/check.ts';
import { deployCommand } from './commands/deploy.ts';
import { runCommand } from './commands/run.ts';
import { tenantCommand } from './commands/tenant.ts';
import { EXIT, processIo, type CliIo } from './io.ts';

const USAGE = `Usage: claimkit <command> [options]

Commands:
  run [ACTION_FILE ...] [--event EVENT.json] [--continue CONTINUE.json] [--http FIXTURES.json] [--tenant tenant.yaml] [--json]
      Run Actions (or, with no file, the post-login flow bound in tenant.yaml) on an event,
      as Auth0's runtime would, and report the tokens' claims, what Auth0 drops, metadata and logs.
      --http answers the Actions' outbound HTTP from stubs (an unstubbed request is an error).
  check [--tenant tenant.yaml] [--env NAME] [--json]
      Validate tenant.yaml, claims.yaml and actions/ against each other and Auth0's rules;
      report every error with file:line:column.
  build [--tenant tenant.yaml] [--env NAME] [--json]
      Check, then bundle every Action into dist/actions/<name>.js as Auth0 will run it, and check
      the bundles (handler, size, dependencies, keywords, secrets). Writes nothing on error.
  deploy [--dry-run] [--allow-delete] [--local] [--env NAME] [--tenant tenant.yaml] [--json]
      The main job: check and build, plan against the tenant (AUTH0_DOMAIN / AUTH0_CLIENT_ID /
      AUTH0_CLIENT_SECRET, else the local tenant), apply the changes with auth0-deploy-cli, verify.
  tenant start [--port N] [--state DIR] [--foreground] [--build-delay MS] [--faults SPEC]
  tenant stop | status [--json] | reset   [--state DIR]
      The local tenant: an HTTPS Auth0 Management API on 127.0.0.1 for deploys without a real tenant.
  dev [--tenant tenant.yaml]
      Watch actions/, src/, claims.yaml and tenant.yaml: rebuild on change and re-run the tests of
      the Actions the change touched.
  help
      Show this help.
`;

type Command = (args: string[], io: CliIo) => Promise<number>;

/** --tenant, --env and --json, shared by the commands that work on the whole project. */
function projectOptions(args: string[]): { json: boolean; tenantFile?: string; envName?: string } {
  const { values } = parseArgs({
    args,
    options: { tenant: { type: 'string' }, env: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  return {
    json: values.json === true,
    ...(values.tenant === undefined ? {} : { tenantFile: values.tenant }),
    ...(values.env === undefined ? {} : { envName: values.env }),
  };
}

const COMMANDS: Record<string, Command> = {
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        event: { type: 'string' },
        continue: { type: 'string' },
        http: { type: 'string' },
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
        ...(values.http === undefined ? {} : { httpFile: values.http }),
        ...(values.tenant === undefined ? {} : { tenantFile: values.tenant }),
      },
      io,
    );
    return code;
  },
  async check(args, io) {
    return checkCommand(projectOptions(args), io);
  },
  async build(args, io) {
    return (await buildCommand(projectOptions(args), io)).code;
  },
  async dev(args, io) {
    const { tenantFile } = projectOptions(args);
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    const file = path.resolve(io.cwd, tenantFile ?? 'tenant.yaml');
    await dev({ tenantFile: file, io, runTests: jestRunner(path.dirname(file)), signal: stop.signal });
    return EXIT.ok;
  },
  tenant: tenantCommand,
  async deploy(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        tenant: { type: 'string' },
        env: { type: 'string' },
        json: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        'allow-delete': { type: 'boolean', default: false },
        local: { type: 'boolean', default: false },
      },
    });
    return deployCommand(
      {
        json: values.json === true,
        dryRun: values['dry-run'] === true,
        allowDelete: values['allow-delete'] === true,
        local: values.local === true,
        ...(values.tenant === undefined ? {} : { tenantFile: values.tenant }),
        ...(values.env === undefined ? {} : { envName: values.env }),
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
