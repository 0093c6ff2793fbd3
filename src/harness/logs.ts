import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';
import type { LogEntry } from './result.ts';

// Actions log with console.*; Auth0 shows those lines with the execution. While an Action runs, its
// console output goes to its flow's log (found through AsyncLocalStorage, so concurrent flows stay
// apart); outside an Action the console behaves as before.
//
// As Auth0's runtime does (@auth0/actions LogBuffer): at most 256 KiB of output per Action execution
// ("The 256kb is also implemented in Actions"), the line that crosses the limit cut; and the log is taken
// when the handler settles — output from a promise nobody awaited is not in it.
export const MAX_LOG_BYTES = 256 * 1024;

interface Sink {
  action: string;
  logs: LogEntry[];
  bytes: number;
  open: boolean;
}

const current = new AsyncLocalStorage<Sink>();
// The statements Actions Real-time Logs show (docs, Actions Real-time Logs: Supported statements), plus debug.
const LEVELS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
let patched: Console | undefined;

function write(sink: Sink, level: LogEntry['level'], message: string): void {
  if (!sink.open || sink.bytes >= MAX_LOG_BYTES) return;
  const line = Buffer.from(`${message}\n`, 'utf8');
  const room = MAX_LOG_BYTES - sink.bytes;
  sink.bytes += Math.min(line.length, room);
  // A cut may split a character; the runtime cuts bytes too. Drop the newline the runtime counted.
  const kept = line.length <= room ? message : line.subarray(0, room).toString('utf8').replace(/\n$/, '');
  sink.logs.push({ action: sink.action, level, message: kept });
}

function patchConsole(): void {
  if (patched === console) return;
  patched = console;
  for (const level of LEVELS) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      const sink = current.getStore();
      if (sink) write(sink, level, format(...args));
      else original(...args);
    };
  }
}

/** Runs one Action's handler with its console output captured into `logs`. */
export async function withLogCapture(action: string, logs: LogEntry[], fn: () => Promise<void>): Promise<void> {
  patchConsole();
  const sink: Sink = { action, logs, bytes: 0, open: true };
  try {
    await current.run(sink, fn);
  } finally {
    sink.open = false;
  }
}
