// What an Action can do to its own process, contained: errors it leaves uncaught and calls that would
// end the executor fail the execution they came from instead (the supervisor is the last line).
import { syncBuiltinESMExports } from 'node:module';
import workerThreads from 'node:worker_threads';

/** `fail(message)` fails the execution in whose async context the problem arose; false if none. */
export function containProcess(fail: (message: string) => boolean): void {
  process.on('uncaughtException', (err) => {
    fail(`Uncaught error in the Action: ${describe(err)}. Auth0 fails the execution.`);
  });
  process.on('unhandledRejection', (reason) => {
    fail(`Unhandled promise rejection in the Action: ${describe(reason)}. Auth0 fails the execution.`);
  });
  const exit = (code?: unknown) => {
    fail(`The Action called process.exit(${code === undefined ? '' : String(code)}); Auth0 ends the execution with an error.`);
    throw new Error('process.exit() is not available to Actions.');
  };
  const denied = (name: string) => () => {
    throw Object.assign(new Error(`process.${name}() is not available to Actions.`), { code: 'ERR_ACCESS_DENIED' });
  };
  Object.defineProperty(process, 'exit', { value: exit, writable: false, configurable: false });
  Object.defineProperty(process, 'reallyExit', { value: exit, writable: false, configurable: false });
  for (const name of ['kill', 'abort', 'dlopen', 'chdir', 'setuid', 'setgid', 'umask']) {
    Object.defineProperty(process, name, { value: denied(name), writable: false, configurable: false });
  }
  denyThreads();
}

/**
 * No threads of the Action's own: the engine process needs --allow-worker for its executor, and a thread
 * an Action started would live on outside the time budget and the executor's heap limit (in a warm
 * engine process, after its login ended).
 */
function denyThreads(): void {
  function Worker(): never {
    throw Object.assign(new Error('worker_threads.Worker is not available to Actions: an Action runs on the thread the engine bounds in time and memory.'), { code: 'ERR_ACCESS_DENIED' });
  }
  Object.defineProperty(workerThreads, 'Worker', { value: Worker, writable: false, configurable: false, enumerable: true });
  syncBuiltinESMExports();
}

function describe(err: unknown): string {
  if (typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string') return (err as { message: string }).message;
  return String(err);
}
