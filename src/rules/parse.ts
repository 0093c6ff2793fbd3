// Parsing a Rule's script with a real JavaScript parser (acorn): one function expression, as Auth0
// stored it. Shared by `claimkit run --rule` (requires, configuration keys), migrate and parity.
import * as acorn from 'acorn';
import { ClaimkitError } from '../errors.ts';

export type RuleFunctionNode = acorn.FunctionExpression | acorn.ArrowFunctionExpression;

export interface ParsedRule {
  source: string;
  file: string;
  fn: RuleFunctionNode;
  /** Comments anywhere in the script, in order. */
  comments: acorn.Comment[];
}

const OPTIONS: acorn.Options = { ecmaVersion: 'latest', sourceType: 'script', locations: true, allowReturnOutsideFunction: false };

function parseError(err: unknown, file: string, what: string): ClaimkitError {
  const loc = (err as { loc?: { line: number; column: number } }).loc;
  const detail = (err as Error).message.replace(/ \(\d+:\d+\)$/, '');
  return new ClaimkitError('ERR_RULE_LOAD', `${what}: ${detail}.`, {
    cause: err,
    location: { file, ...(loc ? { line: loc.line, column: loc.column + 1 } : {}) },
  });
}

/** The first statement of `source` parsed as a whole script, if it parses as one. */
function asScript(source: string): acorn.Statement | acorn.ModuleDeclaration | undefined {
  try {
    const first = acorn.parse(source, OPTIONS).body[0];
    return first?.type === 'ExpressionStatement' ? undefined : first;
  } catch {
    return undefined;
  }
}

/**
 * Parses a Rule: `function (user, context, callback) { … }` (named, async or an arrow too), optionally
 * followed by a semicolon. Anything else is ERR_RULE_LOAD at the file's line and column.
 */
export function parseRule(source: string, file: string): ParsedRule {
  const comments: acorn.Comment[] = [];
  let node: acorn.Expression;
  try {
    node = acorn.parseExpressionAt(source, 0, { ...OPTIONS, onComment: comments });
  } catch (err) {
    // Valid JavaScript that is not one expression (`const x = …;`, a module): say what a Rule must be.
    const statement = asScript(source);
    if (statement) {
      throw new ClaimkitError('ERR_RULE_LOAD', `The Rule's script is JavaScript, but not a function: it starts with a ${statement.type}. A Rule is one function expression: function (user, context, callback) { … }.`, {
        cause: err,
        location: { file, line: statement.loc?.start.line ?? 1, column: (statement.loc?.start.column ?? 0) + 1 },
      });
    }
    throw parseError(err, file, 'The Rule does not parse');
  }
  if (node.type !== 'FunctionExpression' && node.type !== 'ArrowFunctionExpression') {
    throw new ClaimkitError('ERR_RULE_LOAD', `The Rule's script is not a function but a ${node.type}. A Rule is one function expression: function (user, context, callback) { … }.`, {
      location: { file, line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 },
    });
  }
  // After the function: only a semicolon, whitespace and comments.
  let rest = node.end;
  try {
    const tokens = acorn.tokenizer(source.slice(node.end), { ...OPTIONS, onComment: () => undefined });
    for (let t = tokens.getToken(); t.type !== acorn.tokTypes.eof; t = tokens.getToken()) {
      if (t.type !== acorn.tokTypes.semi) {
        rest = node.end + t.start;
        throw new Error('extra');
      }
    }
  } catch {
    const line = source.slice(0, rest).split('\n').length;
    throw new ClaimkitError('ERR_RULE_LOAD', 'The Rule has code after its function. A Rule is one function expression: function (user, context, callback) { … }.', {
      location: { file, line },
    });
  }
  return { source, file, fn: node, comments };
}
