// A bound on a YAML text's nesting, from the yaml library's own lexer (iterative and linear), taken
// before the text is parsed: the parser and composer slow down sharply, and recurse, on deep documents.
import { CST, Lexer } from 'yaml';

/** The lexer's control tokens (document start, flow error end, scalar): not part of the source text. */
const CONTROL = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

/**
 * An upper bound on how deep the document nests: flow brackets open, plus block levels (indentation
 * levels, plus `-`, `?` and `:` indicators on the current line). Stops at the first offset where the
 * bound passes `max`, and returns that offset; undefined when the whole text stays within `max`.
 */
export function offsetPastNesting(text: string, max: number): number | undefined {
  let offset = 0;
  let flow = 0;
  let onLine = 0;
  let atLineStart = true;
  const indents: number[] = [];
  for (const token of new Lexer().lex(text)) {
    const at = offset;
    if (!CONTROL.has(token)) offset += token.length;
    const type = CST.tokenType(token);
    if (type === 'newline') {
      atLineStart = true;
      onLine = 0;
      continue;
    }
    if (atLineStart && type !== 'space') {
      // A line with no indentation closes every block level.
      while (indents.length > 0) indents.pop();
    }
    if (atLineStart && type === 'space') {
      const indent = token.length;
      while (indents.length > 0 && (indents.at(-1) as number) >= indent) indents.pop();
      indents.push(indent);
    }
    atLineStart = false;
    if (type === 'flow-map-start' || type === 'flow-seq-start') flow++;
    else if (type === 'flow-map-end' || type === 'flow-seq-end') flow = Math.max(0, flow - 1);
    else if (type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind') onLine++;
    if (flow + indents.length + onLine > max) return at;
  }
  return undefined;
}
