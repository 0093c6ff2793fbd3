// The globals an Action sees in Auth0's Node runtime. The sandbox gets its own built-ins (Object, Array,
// Promise, JSON…) from vm; these are the host objects Node adds on top.
export function runtimeGlobals(): Record<string, unknown> {
  const g = globalThis as unknown as Record<string, unknown>;
  const names = [
    'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
    'queueMicrotask', 'structuredClone', 'Buffer', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder',
    'AbortController', 'AbortSignal', 'fetch', 'Headers', 'Request', 'Response', 'FormData', 'Blob', 'crypto',
    'atob', 'btoa', 'performance', 'EventTarget', 'Event',
  ];
  const out: Record<string, unknown> = {};
  for (const name of names) if (g[name] !== undefined) out[name] = g[name];
  // Looked up at each call, so HTTP stubs installed after the Action loaded still see its requests.
  if (typeof g['fetch'] === 'function') out['fetch'] = (...args: unknown[]) => (g['fetch'] as (...a: unknown[]) => unknown)(...args);
  // process.env holds nothing in Auth0's runtime: secrets come through event.secrets.
  out['process'] = Object.freeze({
    env: {},
    version: process.version,
    versions: process.versions,
    platform: process.platform,
    arch: process.arch,
    nextTick: process.nextTick.bind(process),
    hrtime: process.hrtime.bind(process),
    uptime: process.uptime.bind(process),
    memoryUsage: process.memoryUsage.bind(process),
    emitWarning: process.emitWarning.bind(process),
  });
  return out;
}
