// JSDoc types for a pulled Action, as comments only (what the code does stays as it is): its trigger's
// handler gets the official type (`@auth0/actions/post-login/v3`'s PostLoginAction…), or, where the code
// already documents its parameters the way Auth0's editor template does (`@param {Event} event`,
// `@param {PostLoginAPI} api`), those names are defined as the official types. esbuild's own runtime
// helpers in a bundle (`__export`, `__copyProps`…) are typed as taking anything, which they do.
import * as acorn from 'acorn';

/** The official types module of each trigger claimkit has types for, with the names Auth0's templates use. */
export const TYPED_TRIGGERS: Readonly<Record<string, { module: string; action: string; api: string }>> = {
  'post-login': { module: '@auth0/actions/post-login/v3', action: 'PostLoginAction', api: 'PostLoginAPI' },
  'credentials-exchange': { module: '@auth0/actions/credentials-exchange/v2', action: 'CredentialsExchangeAction', api: 'CredentialsExchangeAPI' },
};

type Node = acorn.AnyNode;
const OPTIONS = { ecmaVersion: 'latest', allowHashBang: true, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true } as const;

/** The program, as a script (CommonJS, what Auth0 runs) or else as a module; undefined when it does not parse. */
export function parseProgram(code: string): { program: acorn.Program; comments: acorn.Comment[] } | undefined {
  for (const sourceType of ['script', 'module'] as const) {
    const comments: acorn.Comment[] = [];
    try {
      return { program: acorn.parse(code, { ...OPTIONS, sourceType, onComment: comments }), comments };
    } catch {
      // try the other source type
    }
  }
  return undefined;
}

/** `module.exports` itself. */
const isModuleExports = (n: Node): boolean =>
  n.type === 'MemberExpression' && !n.computed && n.object.type === 'Identifier' && n.object.name === 'module' && n.property.type === 'Identifier' && n.property.name === 'exports';

/** `exports.H`, `module.exports.H` (also with ['H']): the exported name, else undefined. */
function exportedName(node: Node): string | undefined {
  if (node.type !== 'MemberExpression') return undefined;
  const key = node.computed ? (node.property.type === 'Literal' && typeof node.property.value === 'string' ? node.property.value : undefined) : node.property.type === 'Identifier' ? node.property.name : undefined;
  const isExports = (node.object.type === 'Identifier' && node.object.name === 'exports') || isModuleExports(node.object);
  return isExports ? key : undefined;
}

const isFunction = (n: Node | null | undefined) => n !== null && n !== undefined && (n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression');

interface Insertion {
  at: number;
  text: string;
}

/** The text from the line start to `at`, when it is only indentation (to indent what is inserted there). */
function indentation(code: string, at: number): string {
  const lineStart = code.lastIndexOf('\n', at - 1) + 1;
  const before = code.slice(lineStart, at);
  return /^[ \t]*$/.test(before) ? before : '';
}

/** Whether a JSDoc comment (`/** … *\/`) ends right before `at`, with its text. */
function jsdocBefore(code: string, comments: readonly acorn.Comment[], at: number): string | undefined {
  const c = comments.find((x) => x.type === 'Block' && x.value.startsWith('*') && /^\s*$/.test(code.slice(x.end, at)));
  return c?.value;
}

export interface Annotation {
  /** The code with JSDoc comments added (positions of the original code unchanged otherwise). */
  code: string;
  /** Whether the handler got a type (false: no handler found, or a trigger claimkit has no types for). */
  typed: boolean;
}

/** Adds the JSDoc types described above to `code`, an Action of `trigger` whose handlers are `handlers`. */
export function annotate(code: string, trigger: string, handlers: readonly string[]): Annotation {
  const parsed = parseProgram(code);
  const types = TYPED_TRIGGERS[trigger];
  if (!parsed) return { code, typed: false };
  const { program, comments } = parsed;
  const insertions: Insertion[] = [];
  // A trigger claimkit has no types for: the handler's parameters are what Auth0 passes, typed as such.
  const actionType = types ? `import('${types.module}').${types.action}` : '(event: any, api: any) => Promise<void>';
  let typed = false;
  let templateNames = false;
  const typeBefore = (at: number, type: string) => {
    const doc = jsdocBefore(code, comments, at);
    if (doc !== undefined && /@(param|type)\b/.test(doc)) {
      templateNames = true; // the code's own JSDoc types it: give its names their meaning
      return;
    }
    insertions.push({ at, text: `/** @type {${type}} */\n${indentation(code, at)}` });
  };
  for (const statement of program.body) {
    if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const { left, right } = statement.expression;
      const name = exportedName(left);
      if (name !== undefined && handlers.includes(name) && isFunction(right)) {
        typeBefore(statement.start, actionType);
        typed = true;
      }
      // module.exports = { onExecutePostLogin: async () => … }
      if (isModuleExports(left) && right.type === 'ObjectExpression') {
        for (const p of right.properties) {
          if (p.type !== 'Property' || p.shorthand || !isFunction(p.value)) continue;
          const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
          if (key !== undefined && handlers.includes(key)) {
            typeBefore(p.start, actionType);
            typed = true;
          }
        }
      }
    } else if (statement.type === 'VariableDeclaration' && statement.declarations.length === 1) {
      const d = statement.declarations[0];
      if (d?.id.type !== 'Identifier' || !isFunction(d.init)) continue;
      if (handlers.includes(d.id.name)) {
        typeBefore(statement.start, actionType);
        typed = true;
      } else if (/^__[A-Za-z]+$/.test(d.id.name) && d.init && 'params' in d.init && d.init.params.length > 0) {
        // esbuild's runtime helpers: generic by design.
        insertions.push({ at: statement.start, text: `/** @type {(...args: any[]) => any} */\n${indentation(code, statement.start)}` });
      }
    } else if (statement.type === 'FunctionDeclaration' && statement.id && handlers.includes(statement.id.name) && types) {
      const [event, api] = statement.params;
      if (event?.type === 'Identifier' && api?.type === 'Identifier') {
        const doc = jsdocBefore(code, comments, statement.start);
        if (doc !== undefined && /@param\b/.test(doc)) templateNames = true;
        else insertions.push({ at: statement.start, text: `/**\n * @param {import('${types.module}').Event} ${event.name}\n * @param {import('${types.module}').${types.api}} ${api.name}\n */\n${indentation(code, statement.start)}` });
        typed = true;
      }
    }
  }
  if (templateNames && types) {
    const top = code.startsWith('#!') ? code.indexOf('\n') + 1 : 0;
    insertions.push({ at: top, text: `/** @typedef {import('${types.module}').Event} Event */\n/** @typedef {import('${types.module}').${types.api}} ${types.api} */\n` });
    typed = true;
  }
  let out = code;
  for (const ins of [...insertions].sort((a, b) => b.at - a.at)) out = out.slice(0, ins.at) + ins.text + out.slice(ins.at);
  return { code: out, typed: typed && types !== undefined };
}
