// One HTTPS client setup for everything a deploy sends (the auth0 SDK and auth0-deploy-cli both use
// Node's global fetch): trusts the target's CA when it has its own (the local tenant) without ever
// turning verification off, and counts the requests it makes.
import tls from 'node:tls';
import { Agent, getGlobalDispatcher, type Dispatcher } from 'undici';

export interface RequestCounts {
  reads: number;
  writes: number;
  /** POST /actions/actions/{id}/test: runs an Action, changes nothing. */
  tests: number;
  /** Token requests (POST /oauth/token) are neither reads nor writes of the tenant. */
  tokens: number;
  /** Writes by method and path, e.g. "PATCH /api/v2/actions/triggers/post-login/bindings". */
  writeLog: string[];
}

class CountingAgent extends Agent {
  /** Requests refused before they leave (method and path → reason). */
  readonly refused = new Map<string, string>();

  constructor(
    options: Agent.Options,
    private readonly counts: RequestCounts,
    private readonly origin: string,
  ) {
    super(options);
  }

  override dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    if (String(opts.origin ?? '') === this.origin) {
      const method = (opts.method ?? 'GET').toUpperCase();
      const path = String(opts.path).split('?')[0] ?? '';
      const refusal = this.refused.get(`${method} ${path}`);
      if (refusal !== undefined) throw new Error(refusal);
      if (path === '/oauth/token') this.counts.tokens++;
      else if (method === 'GET' || method === 'HEAD') this.counts.reads++;
      else if (method === 'POST' && /^\/api\/v2\/actions\/actions\/[^/]+\/test$/.test(path)) this.counts.tests++;
      else {
        this.counts.writes++;
        this.counts.writeLog.push(`${method} ${path}`);
      }
    }
    return super.dispatch(opts, handler);
  }
}

/**
 * Installs the counting dispatcher for `domain` as the global one until `restore()` is called.
 * `ca` (PEM) is added to the trusted roots for connections to this target only.
 */
export interface Transport {
  counts: RequestCounts;
  /** Makes every later `METHOD PATH` request fail at once with `reason` (the tenant never sees it). */
  refuse(method: string, path: string, reason: string): void;
  restore(): Promise<void>;
}

export function installTransport(domain: string, ca: string | undefined): Transport {
  const counts: RequestCounts = { reads: 0, writes: 0, tests: 0, tokens: 0, writeLog: [] };
  const realms = dispatcherRealms();
  const previous = realms.map((g) => g[DISPATCHER]);
  const agent = new CountingAgent(
    {
      connect: ca ? { ca: [...tls.rootCertificates, ca] } : {},
      // Keep sockets alive across the SDK's and a0deploy's pauses (auth0-facts §4, keep-alive pitfall).
      keepAliveTimeout: 60_000,
    },
    counts,
    `https://${domain}`,
  );
  for (const g of realms) g[DISPATCHER] = agent;
  return {
    counts,
    refuse(method, path, reason) {
      agent.refused.set(`${method.toUpperCase()} ${path}`, reason);
    },
    async restore() {
      realms.forEach((g, i) => {
        g[DISPATCHER] = previous[i];
      });
      await agent.close();
    },
  };
}

/** Where undici (and Node's own fetch, which is undici) looks up the global dispatcher. */
const DISPATCHER = Symbol.for('undici.globalDispatcher.1');
type Realm = Record<symbol, unknown>;

/**
 * The globals whose dispatcher the SDKs' fetch calls read: this realm's, and the realm `fetch` itself
 * comes from. They differ when code runs in a vm context (as under jest); a dispatcher set only on the
 * context's global would be ignored by the host's fetch.
 */
function dispatcherRealms(): Realm[] {
  getGlobalDispatcher(); // makes sure undici has installed its default first
  const here = globalThis as unknown as Realm;
  const fetchRealm = (globalThis.fetch as unknown as { constructor: FunctionConstructor }).constructor('return globalThis')() as Realm;
  return fetchRealm === here ? [here] : [here, fetchRealm];
}
