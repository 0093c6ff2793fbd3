// A local tenant in its own process (`tenant start --foreground`) for load benchmarks, with a
// Management API token and an HTTPS client that trusts the tenant's CA.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';

const ENTRY = path.resolve(__dirname, '../src/tenant/process/daemon-entry.cjs');

interface Info { domain: string; caFile: string; clientId: string; clientSecret: string }

export interface TimedAnswer {
  status: number;
  json: Record<string, unknown>;
  ms: number;
}

export interface BenchTenant {
  post(pathname: string, body: unknown): Promise<TimedAnswer>;
  get(pathname: string): Promise<TimedAnswer>;
  stop(): Promise<void>;
}

export async function startBenchTenant(stateDir: string, connections: number): Promise<BenchTenant> {
  const child = spawn(process.execPath, [ENTRY, 'start', '--foreground', '--json', '--state', stateDir, '--port', '0', '--build-delay', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise<Info>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0] ?? '') as Info);
    });
    child.once('exit', (code) => reject(new Error(`the tenant exited (${code})`)));
  });
  const agent = new Agent({ connect: { ca: fs.readFileSync(info.caFile, 'utf8') }, connections });
  const origin = `https://${info.domain}`;
  const call = async (method: string, pathname: string, body: unknown, token?: string): Promise<TimedAnswer> => {
    const start = performance.now();
    const res = await undiciFetch(`${origin}${pathname}`, {
      method,
      dispatcher: agent,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as Record<string, unknown>;
    return { status: res.status, json, ms: performance.now() - start };
  };
  const token = String((await call('POST', '/oauth/token', { grant_type: 'client_credentials', client_id: info.clientId, client_secret: info.clientSecret, audience: `${origin}/api/v2/` })).json['access_token']);
  return {
    post: (pathname, body) => call('POST', pathname, body, token),
    get: (pathname) => call('GET', pathname, undefined, token),
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await agent.close();
    },
  };
}
