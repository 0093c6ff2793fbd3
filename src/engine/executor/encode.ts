import { errorMessage } from '../../errors.ts';
import { failedJob } from '../failure.ts';
import { jobSteps, type ExecutionJob, type JobResult } from '../protocol.ts';

const json = (value: unknown): string | null => {
  try {
    return JSON.stringify(value);
  } catch {
    return null;
  }
};

const failureMessage = (err: unknown): string => {
  try {
    return `An Action gave the api a value that is not JSON: ${errorMessage(err).split('\n')[0]}. Auth0 serialises every api call's values when the Action ends, and fails the execution when it cannot.`;
  } catch {
    return 'An Action gave the api a value that is not JSON. Auth0 serialises every api call\'s values when the Action ends, and fails the execution when it cannot.';
  }
};

/** The step whose api call cannot be serialised: the first call that fails names it; else the last step that ran. */
function culprit(job: ExecutionJob, result: JobResult, running: number): number {
  if (result.kind !== 'flow' && result.kind !== 'credentials-exchange') return running;
  const bad = result.result.calls.find((call) => json(call.args) === null);
  if (!bad) return running;
  const names = (job.kind === 'credentials-exchange' ? job.actions : jobSteps(job).actions).map((a) => a.name);
  const at = names.indexOf(bad.action);
  return at < 0 ? running : at;
}

/**
 * A job's result as the JSON that travels to the host. The values an Action gave the api travel in it
 * (call arguments, metadata, a deny reason); one that JSON cannot carry (a BigInt, a cycle, a throwing
 * toJSON) fails that execution, as Auth0's does, and never the batch of other jobs it would travel with.
 */
export function encodeResult(job: ExecutionJob, result: JobResult, running: number): string {
  try {
    return JSON.stringify(result);
  } catch (err) {
    return JSON.stringify(failedJob(job, culprit(job, result, running), failureMessage(err)));
  }
}
