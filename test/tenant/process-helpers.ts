import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import type { TenantInfo } from '../../src/tenant/process/run.ts';

export const DAEMON_ENTRY = path.join(__dirname, '../../src/tenant/process/daemon-entry.cjs');

export interface ChildTenant {
  child: ChildProcess;
  info: TenantInfo;
  agent: Agent;
  /** A Management API token from /oauth/token with the printed credentials. */
  token(): Promise<string>;
  api(method: string, pathname: string, token: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

/** `claimkit tenant start --foreground --json` in a child process; resolves once it printed its info. */
export async function spawnForeground(stateDir: string, extra: string[] = []): Promise<ChildTenant> {
  const child = spawn(process.execPath, [DAEMON_ENTRY, 'start', '--foreground', '--json', '--state', stateDir, '--port', '0', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CLAIMKIT_TENANT_FAULTS: '' },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const info = await new Promise<TenantInfo>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(JSON.parse(line) as TenantInfo);
    });
    child.once('exit', (code) => reject(new Error(`tenant exited (${code}) before it was ready: ${stderr}`)));
  });
  const agent = new Agent({ connect: { ca: await fs.readFile(info.caFile, 'utf8') } });
  const origin = `https://${info.domain}`;
  const api: ChildTenant['api'] = async (method, pathname, token, body) => {
    const res = await undiciFetch(`${origin}${pathname}`, {
      method,
      dispatcher: agent,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };
  const token = async () => {
    const res = await undiciFetch(`${origin}/oauth/token`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: info.clientId, client_secret: info.clientSecret, audience: `${origin}/api/v2/` }).toString(),
    });
    return String(((await res.json()) as { access_token: string }).access_token);
  };
  return { child, info, agent, token, api };
}

export function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
