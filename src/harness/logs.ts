import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';
import type { LogEntry } from './result.ts';

// Actions log with console.*; Auth0 shows those lines with the execution. While an Action runs, its
// console output goes to its flow's log (found through AsyncLocalStorage, so concurrent flows stay
// apart); outside an Action the console behaves as before.
const current = new AsyncLocalStorage<{ action: string; logs: LogEntry[] }>();
// The statements Actions Real-time Logs show (docs, Actions Real-time Logs: Supported statements), plus debug.
const LEVELS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
let patched: Console | undefined;

function patchConsole(): void {
  if (patched === console) return;
  patched = console;
  for (const level of LEVELS) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      const sink = current.getStore();
      if (sink) sink.logs.push({ action: sink.action, level, message: format(...args) });
      else original(...args);
    };
  }
}

export function withLogCapture<T>(action: string, logs: LogEntry[], fn: () => T): T {
  patchConsole();
  return current.run({ action, logs }, fn);
}
