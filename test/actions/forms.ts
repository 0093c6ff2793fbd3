import path from 'node:path';
import { buildProject, type BuildResult } from '../../src/build/build.ts';
import { replaceKeywords } from '../../src/claims/keywords.ts';
import { projectKeywordMappings } from '../../src/claims/project.ts';
import { sharedEngine } from '../../src/engine/index.ts';
import { runCredentialsExchange, runPostLogin, type CredentialsExchangeResult, type FlowResult, type NamedAction } from '../../src/harness/index.ts';
import type { CredentialsExchangeAction, CredentialsExchangeEvent, PostLoginAction, PostLoginEvent } from '../../src/types/index.ts';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The two forms of an example Action that tests run the same cases against: the TypeScript source as
 * jest imports it (run by the in-process harness), and the bundle `claimkit build` produces, run by the
 * isolated Action engine after the keyword replacement a deploy applies — exactly what Auth0 would run.
 */
export const FORMS = ['source', 'bundle'] as const;
export type Form = (typeof FORMS)[number];

let built: Promise<BuildResult> | undefined;

async function bundleOf(name: string): Promise<string> {
  built ??= buildProject({ tenantFile: path.join(ROOT, 'tenant.yaml'), env: process.env, write: false });
  const result = await built;
  if (!result.ok) throw new Error(`the example project does not build: ${JSON.stringify(result.findings)}`);
  const action = result.actions.find((a) => a.name === name);
  if (!action) throw new Error(`no bundle for ${name}`);
  return action.code;
}

/** An example Action in one form: `run(event)` is one login through it. */
export interface Example {
  name: string;
  run(event: PostLoginEvent): Promise<FlowResult>;
}

/** The TypeScript module itself, for the harness's fuzzing and property tests. */
export function sourceOf(name: string): NamedAction {
  return { name, action: require(path.join(ROOT, 'actions', `${name}.ts`)) as PostLoginAction };
}

export async function loadExample(name: string, form: Form): Promise<Example> {
  if (form === 'bundle') {
    const code = replaceKeywords(await bundleOf(name), projectKeywordMappings(ROOT, process.env));
    const action = { name, code, filename: `dist/actions/${name}.js`, resolveFrom: ROOT };
    return { name, run: (event) => sharedEngine().execute([action], event) };
  }
  const source = sourceOf(name);
  return { name, run: (event) => runPostLogin(source, event) };
}

/** A credentials-exchange example Action in one form: `run(event)` is one client-credentials exchange through it. */
export interface MachineExample {
  name: string;
  run(event: CredentialsExchangeEvent, options?: { grantScopes?: readonly string[] }): Promise<CredentialsExchangeResult>;
}

export async function loadMachineExample(name: string, form: Form): Promise<MachineExample> {
  if (form === 'bundle') {
    const code = replaceKeywords(await bundleOf(name), projectKeywordMappings(ROOT, process.env));
    const action = { name, code, filename: `dist/actions/${name}.js`, resolveFrom: ROOT };
    return { name, run: (event, options = {}) => sharedEngine().executeCredentialsExchange([action], event, options) };
  }
  const source = { name, action: require(path.join(ROOT, 'actions', `${name}.ts`)) as CredentialsExchangeAction };
  return { name, run: (event, options = {}) => runCredentialsExchange(source, event, options) };
}
