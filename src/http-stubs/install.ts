// Intercepts outbound HTTP — fetch, and node:http/https (axios, the auth0 SDK, most npm clients) — with
// @mswjs/interceptors, answering from stubs. A request no stub matches fails with a clear error and
// never reaches the network. Self-contained so that it can run wherever Action code runs.
import { BatchInterceptor } from '@mswjs/interceptors';
import { ClientRequestInterceptor } from '@mswjs/interceptors/ClientRequest';
import { FetchInterceptor } from '@mswjs/interceptors/fetch';
import { ClaimkitError } from '../errors.ts';
import type { HttpStub } from './fixtures.ts';
import { findStub, stubResponse } from './match.ts';

/** One request an Action made. */
export interface HttpCall {
  method: string;
  url: string;
  /** Request headers, lower-case names (they may hold credentials: never print them). */
  headers: Record<string, string>;
  /** The request body as text ('' when none). */
  body: string;
  /** The stub's status, or null when no stub matched (the request failed). */
  status: number | null;
}

export interface HttpStubs {
  /** Every request so far, in order. */
  readonly calls: HttpCall[];
  /** The requests no stub matched. */
  unstubbed(): HttpCall[];
  /** Stops intercepting. */
  restore(): void;
}

let active = false;

export const unstubbedMessage = (c: Pick<HttpCall, 'method' | 'url'>) =>
  `No HTTP stub for ${c.method} ${c.url}: the request was not sent. Add a stub { "method": "${c.method}", "url": "${c.url.split('?')[0]}", "response": { "status": 200, "body": … } } to the fixtures.`;

/** Starts answering outbound HTTP from `stubs` until restore(); one set of stubs at a time. */
export function installHttpStubs(stubs: readonly HttpStub[]): HttpStubs {
  if (active) throw new ClaimkitError('ERR_USAGE', 'HTTP stubs are already installed: restore() the previous ones first.');
  const calls: HttpCall[] = [];
  const interceptor = new BatchInterceptor({ name: 'claimkit-http-stubs', interceptors: [new ClientRequestInterceptor(), new FetchInterceptor()] });
  interceptor.on('request', async ({ request, controller }) => {
    const body = request.body === null ? '' : await request.clone().text();
    const call: HttpCall = { method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body, status: null };
    calls.push(call);
    const stub = findStub(stubs, request.method, request.url);
    if (!stub) {
      controller.errorWith(new Error(unstubbedMessage(call)));
      return;
    }
    const response = stubResponse(stub);
    call.status = response.status;
    controller.respondWith(response);
  });
  interceptor.apply();
  active = true;
  let restored = false;
  return {
    calls,
    unstubbed: () => calls.filter((c) => c.status === null),
    restore() {
      if (restored) return;
      restored = true;
      interceptor.dispose();
      active = false;
    },
  };
}
