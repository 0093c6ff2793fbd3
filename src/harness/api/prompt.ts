import type { PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';

export function promptApi(ctx: ActionContext): PostLoginApi['prompt'] {
  return {
    render(promptId, promptOptions) {
      ctx.record('prompt.render', promptOptions === undefined ? [promptId] : [promptId, promptOptions]);
      ctx.flow.prompt = { id: promptId, action: ctx.name };
    },
  };
}
