import type { PostLoginApi } from '../../types/api.ts';
import { cloneJson, isPlainObject } from '../clone.ts';
import type { ActionContext } from '../state.ts';
import { abortExecution, checkOptions, checkText, typeName } from './checks.ts';
import { invalidArgument } from './errors.ts';

// PostLoginRenderPromptInput and MAX_RENDER_PROMPT_OPTIONS_BYTES (@auth0/actions).
const MAX_PROMPT_ID_LENGTH = 48;
const MAX_ENTRIES = 24;
const FIELD_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,49}$/u;
const MAX_OPTIONS_BYTES = 24 * 1024;

function checkEntries(value: unknown, what: string, name?: RegExp): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) throw invalidArgument(`prompt.render: ${what} must be an object, got ${typeName(value)}.`);
  const keys = Object.keys(value);
  if (keys.length > MAX_ENTRIES) throw invalidArgument(`prompt.render: ${what} has ${keys.length} entries; Auth0 allows ${MAX_ENTRIES}.`);
  const bad = name && keys.find((k) => !name.test(k));
  if (bad !== undefined) throw invalidArgument(`prompt.render: ${what} has an invalid name "${bad}" (letters, digits, _; at most 50).`);
}

export function promptApi(ctx: ActionContext): PostLoginApi['prompt'] {
  return {
    render(promptId, promptOptions) {
      ctx.record('prompt.render', promptOptions === undefined ? [promptId] : [promptId, promptOptions]);
      if (ctx.flow.redirect?.action === ctx.name) throw abortExecution(ctx, 'Redirect and render commands cannot be used in the same action.');
      if (ctx.flow.prompt?.action === ctx.name) throw abortExecution(ctx, 'Only 1 render command per action is allowed.');
      const options = promptOptions ?? {};
      checkText(promptId, 'prompt.render: the prompt id', MAX_PROMPT_ID_LENGTH);
      checkOptions(options, 'prompt.render: the options', ['fields', 'vars']);
      checkEntries(options.fields, 'options.fields', FIELD_NAME);
      checkEntries(options.vars, 'options.vars');
      const bytes = Buffer.byteLength(JSON.stringify(options), 'utf8');
      if (bytes > MAX_OPTIONS_BYTES) throw invalidArgument(`prompt.render: the options are ${bytes} bytes as JSON; Auth0 allows ${MAX_OPTIONS_BYTES}.`);
      ctx.flow.prompt = { id: promptId, action: ctx.name };
      ctx.flow.effects.set('prompt.render', { id: promptId, options: cloneJson(options) });
    },
  };
}
