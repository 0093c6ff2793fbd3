import { randomBytes } from 'node:crypto';
import type { FlowResult } from '../../harness/result.ts';

// What each post-login execution did, as Auth0 keeps it (GET /api/v2/actions/executions/{id}: the
// trigger, a status and one result per Action), plus what only a local tenant can tell: the claims the
// policy dropped or flagged, and the Actions' logs. `claimkit login` reads it to explain a token.

export interface ExecutionRecord {
  id: string;
  trigger_id: 'post-login';
  status: 'final' | 'suspended';
  results: Array<{ action_name: string; error: null | { id: string; msg: string }; started_at: string; ended_at: string }>;
  created_at: string;
  updated_at: string;
  /** Local-tenant details (not part of Auth0's answer). */
  claimkit: Pick<FlowResult, 'outcome' | 'denied' | 'error' | 'dropped' | 'warnings' | 'logs'> & {
    idToken: FlowResult['idToken']['claims'];
    accessToken: FlowResult['accessToken']['claims'];
  };
}

/** The most recent executions, oldest dropped first: a local tenant keeps a window, not a history. */
export class Executions {
  private readonly records = new Map<string, ExecutionRecord>();

  constructor(private readonly limit = 500) {}

  record(result: FlowResult, startedAt: number, endedAt: number, id = `ex_${randomBytes(12).toString('base64url')}`): string {
    const started = new Date(startedAt).toISOString();
    const ended = new Date(endedAt).toISOString();
    const record: ExecutionRecord = {
      id,
      trigger_id: 'post-login',
      status: result.redirect || result.prompt ? 'suspended' : 'final',
      results: result.actions
        .filter((a) => a.ran)
        .map((a) => ({
          action_name: a.name,
          error: result.error?.action === a.name ? { id: result.error.code ?? 'action_error', msg: result.error.message } : null,
          started_at: started,
          ended_at: ended,
        })),
      created_at: this.records.get(id)?.created_at ?? started,
      updated_at: ended,
      claimkit: {
        outcome: result.outcome,
        denied: result.denied,
        error: result.error,
        dropped: result.dropped,
        warnings: result.warnings,
        logs: result.logs,
        idToken: result.idToken.claims,
        accessToken: result.accessToken.claims,
      },
    };
    this.records.delete(id);
    this.records.set(id, record);
    while (this.records.size > this.limit) this.records.delete(this.records.keys().next().value as string);
    return id;
  }

  get(id: string): ExecutionRecord | undefined {
    return this.records.get(id);
  }
}
