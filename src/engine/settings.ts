// Every setting of the Action engine, with its default and why.
export interface EngineSettings {
  /** The trigger's time budget for one whole execution: Auth0 allows 20 s per flow (Actions Limitations). */
  timeoutMs: number;
  /** After the budget, how long the supervisor waits for an answer before it stops the executor. */
  graceMs: number;
  /**
   * Heap limit of each execution environment. Auth0 publishes no memory limit for Actions; 128 MB keeps
   * a runaway Action from taking the machine while leaving real Actions (SDKs, JWT libraries) room.
   */
  memoryMb: number;
  /** Engine processes serving one set of Actions at most (busy ones are added up to this). */
  processesPerFlow: number;
  /** Engine processes in all; the least recently used idle ones are stopped beyond it. */
  maxProcesses: number;
  /**
   * A CA certificate file (PEM) that Action code trusts besides the system's: the local tenant's own CA,
   * so that Actions running there reach the tenant's domain over HTTPS (the Management API through the
   * auth0 SDK, /oauth/token) as Actions on Auth0 reach theirs. Read by Node at the engine process's
   * start (NODE_EXTRA_CA_CERTS), removed from its environment before any Action code runs.
   */
  trustedCaFile?: string;
}

export const ENGINE_DEFAULTS: EngineSettings = {
  timeoutMs: 20_000,
  graceMs: 250,
  memoryMb: 128,
  processesPerFlow: 2,
  maxProcesses: 16,
};
