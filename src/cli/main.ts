import path from 'node:path';
import { jestRunner } from '../dev/jest-runner.ts';
import { dev } from '../dev/watch.ts';
import { ClaimkitError, isClaimkitError } from '../errors.ts';
import { buildCommand } from './commands/build.ts';
import { checkCommand } from './commands/check.ts';
import { deployCommand } from './commands/deploy.ts';
import { migrateCommand } from './commands/migrate.ts';
import { parityCommand } from './commands/parity.ts';
import { inspectCommand } from './commands/inspect.ts';
import { loginCommand } from './commands/login.ts';
import { pullCommand } from './commands/pull.ts';
import { runCommand } from './commands/run.ts';
import { tenantCommand } from './commands/tenant.ts';
import { EXIT, processIo, type CliIo } from './io.ts';
import { parseCommandArgs } from './options.ts';

const USAGE = `Usage: claimkit <command> [options]

Commands:
  run [ACTION_FILE ...] [--trigger post-login|credentials-exchange] [--rule RULE.js ...] [--rules] [--event EVENT.json] [--continue CONTINUE.json] [--http FIXTURES.json] [--now ISO] [--tenant tenant.yaml] [--json]
      Run Actions (or, with no file, the flow bound in tenant.yaml) on an event, as Auth0's
      runtime would, and report the tokens' claims, what Auth0 drops, metadata and logs.
      --trigger credentials-exchange runs a machine's client-credentials token request instead
      of a login (the default for Actions tenant.yaml declares for that trigger).
      --http answers the Actions' outbound HTTP from stubs (an unstubbed request is an error).
      --rule runs a legacy Rule (a file or a Rule's name) first, as Auth0 ran Rules before Actions;
      --rules runs the project's enabled Rules in order, then the bound Actions.
  check [--claims claims.yaml] [--tenant tenant.yaml] [--env NAME] [--json]
      Validate tenant.yaml, claims.yaml and actions/ against each other and Auth0's rules;
      report every error with file:line:column.
  build [--tenant tenant.yaml] [--env NAME] [--json]
      Check, then bundle every Action into dist/actions/<name>.js as Auth0 will run it, and check
      the bundles (handler, size, dependencies, keywords, secrets). Writes nothing on error.
  deploy [--dry-run] [--allow-delete] [--resend-passthrough] [--local] [--env NAME] [--tenant tenant.yaml] [--json]
      The main job: check and build, plan against the tenant (AUTH0_DOMAIN / AUTH0_CLIENT_ID /
      AUTH0_CLIENT_SECRET, else the local tenant), apply the changes through the Management API
      (the auth0 SDK; the sections claimkit does not compare go to auth0-deploy-cli), verify.
  login [--user EMAIL] [--password P] [--client NAME] [--audience URL] [--scope S] [--json]
      Log a user in to the tenant (the local one by default, with the deploy's demo user) and show both
      real tokens decoded and verified: custom claims marked, dropped claims explained.
  inspect TOKEN [--domain D] [--jwks URL] [--audience A] [--json]
      Decode a token, verify its signature against the issuer's JWKS and its exp/nbf/iss/aud, separate
      standard and custom claims and flag what Auth0 would drop; an opaque token is checked at
      /userinfo. TOKEN - reads it from standard input. Exit 1 for a token that does not verify.
  pull [--out DIR] [--env NAME] [--keyword NAME=value] [--from-export PATH] [--force] [--json]
      Adopt an existing tenant: write a claimkit project (tenant.yaml with every section, one readable
      source per Action, .env.example) from the tenant (AUTH0_*, else the local tenant), or convert an
      auth0-deploy-cli export (YAML or directory format). Refuses to overwrite a project unless --force.
  tenant start [--port N] [--state DIR] [--foreground] [--build-delay MS] [--faults SPEC] [--json]
  tenant stop | status [--json] | reset   [--state DIR]
      The local tenant: Auth0's Management and Authentication APIs over HTTPS on 127.0.0.1.
  dev [--tenant tenant.yaml]
      Watch actions/, src/, claims.yaml and tenant.yaml: rebuild on change and re-run the tests of
      the Actions the change touched.
  migrate RULE [--out actions/NAME.ts] [--force] [--tenant tenant.yaml] [--json]
      Convert a legacy Rule into a typed post-login Action; what has no Action equivalent stays
      commented out under TODO(claimkit) with the reason. Prints the tenant.yaml entry to add.
  parity RULE ACTION [--runs N] [--seed S] [--http FIXTURES.json] [--tenant tenant.yaml] [--env NAME] [--json]
      Run a Rule and an Action on the same generated logins and compare claims, denials, metadata,
      MFA and redirects; on a difference, print the smallest differing login (exit 1).
  help
      Show this help.
`;

type Command = (args: string[], io: CliIo) => Promise<number>;

/** `--name value` when the option was given, for spreading into a command's options. */
function given<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

const COMMANDS: Record<string, Command> = {
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('run', args, true);
    const { code } = await runCommand(
      {
        files: positionals,
        json: values.json === true,
        ...given('eventFile', values.event),
        ...given('continueFile', values.continue),
        ...given('httpFile', values.http),
        ...given('tenantFile', values.tenant),
        ...given('now', values.now),
        ...given('trigger', values.trigger),
        ...(values.rule === undefined ? {} : { rules: values.rule }),
        allRules: values.rules === true,
      },
      io,
    );
    return code;
  },
  async check(args, io) {
    const { values } = parseCommandArgs('check', args);
    return checkCommand(
      { json: values.json === true, ...given('tenantFile', values.tenant), ...given('envName', values.env), ...given('claimsFile', values.claims) },
      io,
    );
  },
  async build(args, io) {
    const { values } = parseCommandArgs('build', args);
    return (await buildCommand({ json: values.json === true, ...given('tenantFile', values.tenant), ...given('envName', values.env) }, io)).code;
  },
  async dev(args, io) {
    const { values } = parseCommandArgs('dev', args);
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    const file = path.resolve(io.cwd, values.tenant ?? 'tenant.yaml');
    await dev({ tenantFile: file, io, runTests: jestRunner(path.dirname(file)), signal: stop.signal });
    return EXIT.ok;
  },
  tenant: tenantCommand,
  async login(args, io) {
    const { values } = parseCommandArgs('login', args);
    return loginCommand(
      {
        json: values.json === true,
        ...given('user', values.user),
        ...given('password', values.password),
        ...given('client', values.client),
        ...given('audience', values.audience),
        ...given('scope', values.scope),
      },
      io,
    );
  },
  async inspect(args, io) {
    const { values, positionals } = parseCommandArgs('inspect', args, true);
    if (positionals.length > 1) throw new ClaimkitError('ERR_USAGE', 'Give one token (or - for standard input).');
    return inspectCommand({ token: positionals[0], json: values.json === true, ...given('domain', values.domain), ...given('jwks', values.jwks), ...given('audience', values.audience) }, io);
  },
  async deploy(args, io) {
    const { values } = parseCommandArgs('deploy', args);
    return deployCommand(
      {
        json: values.json === true,
        dryRun: values['dry-run'] === true,
        allowDelete: values['allow-delete'] === true,
        resendPassthrough: values['resend-passthrough'] === true,
        local: values.local === true,
        ...given('tenantFile', values.tenant),
        ...given('envName', values.env),
      },
      io,
    );
  },
  async migrate(args, io) {
    const { values, positionals } = parseCommandArgs('migrate', args, true);
    if (positionals.length !== 1) throw new ClaimkitError('ERR_USAGE', `migrate takes one Rule (a file, or a Rule's name); got ${positionals.length}. Example: claimkit migrate rules/add-roles.js --out actions/add-roles.ts`);
    return migrateCommand(
      { rule: positionals[0] as string, force: values.force === true, json: values.json === true, ...given('out', values.out), ...given('tenantFile', values.tenant) },
      io,
    );
  },
  async parity(args, io) {
    const { values, positionals } = parseCommandArgs('parity', args, true);
    if (positionals.length !== 2) throw new ClaimkitError('ERR_USAGE', `parity takes a Rule and an Action; got ${positionals.length} argument(s). Example: claimkit parity rules/add-roles.js actions/add-roles.ts`);
    const { code } = await parityCommand(
      {
        rule: positionals[0] as string,
        action: positionals[1] as string,
        json: values.json === true,
        ...given('runs', values.runs),
        ...given('seed', values.seed),
        ...given('httpFile', values.http),
        ...given('tenantFile', values.tenant),
        ...given('envName', values.env),
      },
      io,
    );
    return code;
  },
  async pull(args, io) {
    const { values } = parseCommandArgs('pull', args);
    return pullCommand(
      {
        json: values.json === true,
        force: values.force === true,
        keywords: values.keyword ?? [],
        ...given('out', values.out),
        ...given('envName', values.env),
        ...given('fromExport', values['from-export']),
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
