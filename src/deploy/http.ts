// One HTTPS client setup for everything a deploy sends (the auth0 SDK and auth0-deploy-cli both use
// Node's global fetch): trusts the target's CA when it has its own (the local tenant) without ever
// turning verification off, and counts the requests it makes.
import tls from 'node:tls';
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';

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
export function installTransport(domain: string, ca: string | undefined): { counts: RequestCounts; restore(): Promise<void> } {
  const counts: RequestCounts = { reads: 0, writes: 0, tests: 0, tokens: 0, writeLog: [] };
  const previous = getGlobalDispatcher();
  const agent = new CountingAgent(
    {
      connect: ca ? { ca: [...tls.rootCertificates, ca] } : {},
      // Keep sockets alive across the SDK's and a0deploy's pauses (auth0-facts §4, keep-alive pitfall).
      keepAliveTimeout: 60_000,
    },
    counts,
    `https://${domain}`,
  );
  setGlobalDispatcher(agent);
  return {
    counts,
    async restore() {
      setGlobalDispatcher(previous);
      await agent.close();
    },
  };
}
