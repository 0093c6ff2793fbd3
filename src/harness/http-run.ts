import { ClaimkitError } from '../errors.ts';
import type { HttpStub } from '../http-stubs/fixtures.ts';
import { installHttpStubs, unstubbedMessage, type HttpCall } from '../http-stubs/install.ts';

/**
 * Runs one execution with its HTTP stubs installed (when it has some): the result lists every request,
 * and a request no stub matched makes the run throw ERR_HTTP_UNSTUBBED, so no test passes by reaching
 * the network. The result object is returned as `run` made it (callers may key state on it).
 */
export async function withHttpStubs<R extends { http?: HttpCall[] }>(fixtures: readonly HttpStub[] | undefined, run: () => Promise<R>): Promise<R> {
  if (fixtures === undefined) return run();
  const stubs = installHttpStubs(fixtures);
  let result: R;
  try {
    result = await run();
  } finally {
    stubs.restore();
  }
  const missing = stubs.unstubbed();
  if (missing.length > 0) {
    throw new ClaimkitError('ERR_HTTP_UNSTUBBED', `${missing.length} HTTP request(s) had no stub and were not sent:\n${missing.map((c) => `  ${unstubbedMessage(c)}`).join('\n')}`);
  }
  result.http = stubs.calls;
  return result;
}
