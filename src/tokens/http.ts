import tls from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import { ClaimkitError } from '../errors.ts';

// HTTPS for the token tools: Node's trusted roots plus, for the local tenant, its own CA — never with
// verification off. Answers are read within a size bound (a JWKS or a token response is small).

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export interface Http {
  request(url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<HttpAnswer>;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const TIMEOUT_MS = 15_000;

export function httpClient(ca?: string, timeoutMs = TIMEOUT_MS): Http {
  const agent = new Agent({ connect: ca ? { ca: [...tls.rootCertificates, ca] } : {} });
  return {
    async request(url, init = {}) {
      if (!URL.canParse(url)) throw new ClaimkitError('ERR_TOKEN_HTTP', `${JSON.stringify(url.slice(0, 200))} is not a URL claimkit can request.`);
      let res;
      try {
        res = await undiciFetch(url, { ...init, redirect: 'manual', dispatcher: agent, signal: AbortSignal.timeout(timeoutMs) });
      } catch (cause) {
        const reason = (cause as { cause?: { code?: string; message?: string } }).cause;
        throw new ClaimkitError('ERR_TOKEN_HTTP', `Cannot reach ${new URL(url).origin} (${reason?.code ?? reason?.message ?? String(cause)}). Check the domain, and that the tenant is running.`, { cause });
      }
      const reader = res.body?.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      while (reader) {
        let chunk;
        try {
          chunk = await reader.read();
        } catch (cause) {
          // The answer stopped half-way (a server that sends its headers, then stalls or hangs up).
          throw new ClaimkitError('ERR_TOKEN_HTTP', `${url} stopped answering part-way (${(cause as Error).name === 'TimeoutError' ? `nothing more within ${timeoutMs} ms` : String((cause as Error).message ?? cause)}). Check the URL, and that the tenant is running.`, { cause });
        }
        const { done, value } = chunk;
        if (done) break;
        size += value.byteLength;
        if (size > MAX_BODY) {
          await reader.cancel();
          throw new ClaimkitError('ERR_TOKEN_HTTP', `${url} answered more than ${MAX_BODY} bytes; that is not a token endpoint, JWKS or /userinfo.`);
        }
        chunks.push(value);
      }
      return { status: res.status, headers: res.headers as unknown as Headers, text: Buffer.concat(chunks).toString('utf8') };
    },
    close: () => agent.close(),
  };
}
