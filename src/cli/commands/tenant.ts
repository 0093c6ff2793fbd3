import { ClaimkitError, isClaimkitError } from '../../errors.ts';
import { resolveSettings, TENANT_DEFAULTS, TENANT_ENV, type SettingsInput } from '../../tenant/defaults.ts';
import { ensureTenant, resetTenantData, runForeground, startBackground, stopTenant, tenantStatus } from '../../tenant/process/lifecycle.ts';
import type { TenantInfo } from '../../tenant/process/run.ts';
import { EXIT, type CliIo } from '../io.ts';

const USAGE = `Usage: claimkit tenant <command> [options]

A local Auth0 tenant: the Management API and the Authentication API over HTTPS on 127.0.0.1.

Commands:
  start    Start the tenant in the background (or --foreground) and print how to reach it
  stop     Stop the running tenant
  status   Print the running tenant's domain, CA file and client credentials
  reset    Empty the tenant's data (keeps the CA, keys and client credentials)

Options:
  --port N          Port on 127.0.0.1 (default: the last one used, else ${TENANT_DEFAULTS.port}; 0 = any free port)  [${TENANT_ENV.port}]
  --state DIR       State folder (default ${TENANT_DEFAULTS.stateDir})  [${TENANT_ENV.stateDir}]
  --foreground      start: run in this process until Ctrl-C
  --build-delay MS  How long Actions stay pending before built (default ${TENANT_DEFAULTS.buildDelayMs})  [${TENANT_ENV.buildDelayMs}]
  --faults SPEC     Inject faults, e.g. "POST /api/v2/actions/actions/*/deploy=429x2,build=failed"  [${TENANT_ENV.faults}]
  --json            start, status: print {domain, caFile, clientId, clientSecret, pid} as JSON
`;

export interface TenantArgs {
  command: 'start' | 'stop' | 'status' | 'reset';
  foreground: boolean;
  json: boolean;
  settings: SettingsInput;
}

const COMMANDS = new Set(['start', 'stop', 'status', 'reset']);
const VALUE_FLAGS: Record<string, keyof SettingsInput> = {
  '--port': 'port',
  '--state': 'stateDir',
  '--build-delay': 'buildDelayMs',
  '--faults': 'faults',
};

export function parseTenantArgs(args: readonly string[]): TenantArgs {
  const [command, ...rest] = args;
  if (command === undefined || !COMMANDS.has(command)) throw new ClaimkitError('ERR_USAGE', command === undefined ? 'Missing command.' : `Unknown command "${command}".`);
  const parsed: TenantArgs = { command: command as TenantArgs['command'], foreground: false, json: false, settings: {} };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--foreground') parsed.foreground = true;
    else if (flag === '--json') parsed.json = true;
    else if (Object.hasOwn(VALUE_FLAGS, flag)) {
      const value = inline ?? rest[++i];
      if (value === undefined) throw new ClaimkitError('ERR_USAGE', `${flag} needs a value.`);
      parsed.settings[VALUE_FLAGS[flag] as keyof SettingsInput] = value;
    } else throw new ClaimkitError('ERR_USAGE', `Unknown option "${arg}".`);
  }
  return parsed;
}

function printInfo(io: CliIo, info: TenantInfo, json: boolean, headline: string): void {
  if (json) {
    const { domain, caFile, clientId, clientSecret, pid } = info;
    io.stdout(`${JSON.stringify({ domain, caFile, clientId, clientSecret, pid })}\n`);
    return;
  }
  io.stdout(
    `${headline}\n` +
      `  domain         ${info.domain}\n` +
      `  CA file        ${info.caFile}   (trust it: NODE_EXTRA_CA_CERTS)\n` +
      `  client id      ${info.clientId}\n` +
      `  client secret  ${info.clientSecret}\n` +
      `  pid            ${info.pid}\n\n` +
      `a0deploy and the auth0 SDK reach it with:\n` +
      `  export NODE_EXTRA_CA_CERTS='${info.caFile}'\n` +
      `  export AUTH0_DOMAIN='${info.domain}' AUTH0_CLIENT_ID='${info.clientId}' AUTH0_CLIENT_SECRET='${info.clientSecret}'\n`,
  );
}

async function start(args: TenantArgs, io: CliIo): Promise<number> {
  const explicitPort = args.settings.port !== undefined || (io.env[TENANT_ENV.port] ?? '') !== '';
  let settings = resolveSettings(args.settings, io.env, io.cwd);
  const status = tenantStatus(settings.stateDir);
  if (status.running && status.info) {
    printInfo(io, status.info, args.json, `The local tenant is already running (state in ${settings.stateDir}).`);
    return EXIT.ok;
  }
  if (!args.foreground) {
    const { info } = await ensureTenant(settings, { ...io.env }, explicitPort);
    printInfo(io, info, args.json, `Local tenant started (state in ${settings.stateDir}). Stop it with \`claimkit tenant stop\`.`);
    return EXIT.ok;
  }
  if (!explicitPort && status.lastPort !== undefined) settings = { ...settings, port: status.lastPort };
  await runForeground(
    settings,
    (info) => printInfo(io, info, args.json, `Local tenant running in the foreground (state in ${settings.stateDir}). Ctrl-C stops it.`),
    (message) => io.stderr(`claimkit tenant: ${message}\n`),
  );
  return EXIT.ok;
}

async function run(args: TenantArgs, io: CliIo): Promise<number> {
  const settings = resolveSettings(args.settings, io.env, io.cwd);
  switch (args.command) {
    case 'start':
      return start(args, io);
    case 'stop': {
      const pid = await stopTenant(settings.stateDir);
      io.stdout(pid === null ? `No local tenant is running (state in ${settings.stateDir}).\n` : `Stopped the local tenant (pid ${pid}).\n`);
      return EXIT.ok;
    }
    case 'status': {
      const status = tenantStatus(settings.stateDir);
      if (!status.running || !status.info) {
        io.stderr(`No local tenant is running (state in ${settings.stateDir}). Start one with \`claimkit tenant start\`.\n`);
        return EXIT.failed;
      }
      printInfo(io, status.info, args.json, `The local tenant is running (state in ${settings.stateDir}).`);
      return EXIT.ok;
    }
    case 'reset': {
      const wasRunning = tenantStatus(settings.stateDir);
      if (wasRunning.running) await stopTenant(settings.stateDir);
      const { credentialsLost } = await resetTenantData(settings.stateDir);
      io.stdout(
        credentialsLost
          ? `The local tenant's data is empty again (CA and keys kept). Its state.json held no readable Management API client, so that client has new credentials: \`claimkit tenant start\` prints them.\n`
          : `The local tenant's data is empty again (CA, keys and client credentials kept).\n`,
      );
      if (!wasRunning.running) return EXIT.ok;
      const info = await startBackground({ ...settings, port: wasRunning.lastPort ?? settings.port }, { ...io.env });
      printInfo(io, info, false, 'Restarted it:');
      return EXIT.ok;
    }
  }
}

/** `claimkit tenant <start|stop|status|reset> [options]`; returns the exit code. */
export async function tenantCommand(args: string[], io: CliIo): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.stdout(USAGE);
    return args.length === 0 ? EXIT.usage : EXIT.ok;
  }
  try {
    return await run(parseTenantArgs(args), io);
  } catch (err) {
    if (isClaimkitError(err)) {
      io.stderr(`claimkit tenant: ${err.message}\n`);
      if (err.code === 'ERR_USAGE') io.stderr(USAGE);
      return err.code === 'ERR_USAGE' || err.code === 'ERR_TENANT_CONFIG_INVALID' || err.code === 'ERR_TENANT_FAULT_SPEC' ? EXIT.usage : EXIT.failed;
    }
    throw err;
  }
}
