// Rewriting a Rule's statements: callbacks become `return` / `api.access.deny`, writes to `context`
// become api calls, metadata the Rule persisted becomes api.user.set…Metadata, and a statement whose
// construct has no Action equivalent stays, commented out, under a TODO with the reason.
import type * as acorn from 'acorn';
import type { ParsedRule } from '../rules/parse.ts';
import type { Analysis } from './analysis.ts';
import { isIdentifier, isLiteralValue, lineOf, memberChain, staticPath, type AnyNode } from './ast.ts';
import { Expressions, type ExpressionHost } from './expressions.ts';
import { Blocked, type Findings } from './findings.ts';

const PROVIDERS = new Set(['any', 'guardian', 'google-authenticator', 'duo', 'none']);
const BLOCKS = new Set(['BlockStatement', 'Program', 'SwitchCase', 'StaticBlock']);

export class StatementConverter implements ExpressionHost {
  readonly findings: Findings = { todos: [], notes: [] };
  readonly secrets = new Set<string>();
  readonly dependencies = new Map<string, string>();
  usesClaimValue = false;
  readonly x: Expressions;
  readonly src: string;
  /** Statements after which nothing runs in the handler: a success callback there simply goes. */
  private readonly tails = new Set<AnyNode>();

  constructor(readonly parsed: ParsedRule, readonly analysis: Analysis) {
    this.src = parsed.source;
    this.x = new Expressions(this);
    const body = parsed.fn.body;
    let last: AnyNode | undefined = body.type === 'BlockStatement' ? body.body[body.body.length - 1] : undefined;
    while (last) {
      this.tails.add(last);
      const then: acorn.Statement[] | undefined = analysis.persists.get(last)?.then;
      last = then?.[then.length - 1];
    }
  }

  indentOf(node: AnyNode): string {
    const lineStart = this.src.lastIndexOf('\n', node.start - 1) + 1;
    const lead = this.src.slice(lineStart, node.start);
    return lead.trim() === '' ? lead : lead.slice(0, lead.length - lead.trimStart().length);
  }

  /** Several statements where one was: joined on its indentation, in braces where a block is needed. */
  private lines(parts: string[], node: AnyNode, parent: AnyNode | undefined): string {
    const kept = parts.filter((p) => p !== '');
    if (kept.length <= 1 && !(kept[0]?.startsWith('//') && parent && !BLOCKS.has(parent.type))) return kept[0] ?? (parent && !BLOCKS.has(parent.type) ? '{}' : '');
    const indent = this.indentOf(node);
    if (parent && !BLOCKS.has(parent.type)) return `{\n${indent}  ${kept.join(`\n${indent}  `)}\n${indent}}`;
    return kept.join(`\n${indent}`);
  }

  statement(node: AnyNode, parent: AnyNode | undefined): string {
    try {
      const text = this.convert(node, parent);
      const writes = this.analysis.siteWrites.get(node);
      if (!writes || this.analysis.opaque.has(writes[0]?.kind ?? 'app')) return text;
      return this.lines([text, ...writes.filter((w) => !this.analysis.opaque.has(w.kind)).map((w) => this.metadataWrite(w.kind, this.x.conv(w.base, undefined), w.key))], node, parent);
    } catch (err) {
      if (err instanceof Blocked) return this.commentOut(node, parent, err.reason);
      throw err;
    }
  }

  private convert(node: AnyNode, parent: AnyNode | undefined): string {
    if (this.analysis.persists.has(node)) return this.persist(node, parent);
    const { callback } = this.analysis.names;
    if (node.type === 'ExpressionStatement' || node.type === 'ReturnStatement') {
      const expr = node.type === 'ExpressionStatement' ? node.expression : node.argument;
      if (expr?.type === 'CallExpression' && isIdentifier(expr.callee, callback)) return this.callback(expr, node, parent);
      if (node.type === 'ExpressionStatement' && expr?.type === 'AssignmentExpression') {
        const special = this.assignment(expr, node);
        if (special !== undefined) return special;
      }
    }
    return this.x.splice(node);
  }

  private commentOut(node: AnyNode, parent: AnyNode | undefined, reason: string): string {
    this.findings.todos.push({ line: lineOf(node), message: reason });
    const indent = this.indentOf(node);
    const original = this.x.text(node).split('\n').map((line, i) => (i === 0 || !line.startsWith(indent) ? `// ${line}` : `// ${line.slice(indent.length)}`));
    const text = [`// TODO(claimkit): ${reason}`, ...original].join(`\n${indent}`);
    return parent && !BLOCKS.has(parent.type) ? `{\n${indent}  ${text.split('\n').join('\n  ')}\n${indent}}` : text;
  }

  // --- callback(…) --------------------------------------------------------------------------------

  private callback(call: acorn.CallExpression, node: AnyNode, parent: AnyNode | undefined): string {
    const first = call.arguments[0];
    const keyword = node.type === 'ReturnStatement' ? 'return ' : '';
    if (this.analysis.mode === 'promise') return `${keyword}${this.x.text(call.callee)}(${first ? this.x.conv(first, call) : ''});`;
    const tail = this.tails.has(node);
    const done = tail ? '' : 'return;';
    if (first === undefined || (first.type === 'Literal' && first.value === null) || isIdentifier(first, 'undefined')) return this.lines([done], node, parent);
    if (first.type === 'SpreadElement') throw new Blocked('callback(...args): spell out the error.');
    let reason: string;
    if (first.type === 'NewExpression' && (isIdentifier(first.callee, 'UnauthorizedError') || isIdentifier(first.callee, 'Error'))) {
      if (isIdentifier(first.callee, 'UnauthorizedError')) this.x.note(first, 'callback(new UnauthorizedError(m)) gave error=unauthorized; api.access.deny(m) gives error=access_denied with the same error_description. Check apps that test for "unauthorized".');
      const arg = first.arguments[0];
      reason = arg === undefined ? "''" : this.stringy(arg, first);
    } else if ((first.type === 'Literal' && typeof first.value === 'string') || first.type === 'TemplateLiteral') {
      reason = this.x.conv(first, call);
    } else if (isIdentifier(first) || first.type === 'MemberExpression') {
      const e = this.x.conv(first, call);
      return this.lines([`if (${e} != null) {`, `  api.access.deny(${e} instanceof Error ? ${e}.message : String(${e}));`, '  return;', '}', done], node, parent);
    } else {
      throw new Blocked('callback() with a computed error: name it first (const err = …; return callback(err);).');
    }
    return this.lines([`api.access.deny(${reason});`, done], node, parent);
  }

  private stringy(arg: acorn.Expression | acorn.SpreadElement, parent: AnyNode): string {
    const text = this.x.conv(arg, parent);
    return (arg.type === 'Literal' && typeof arg.value === 'string') || arg.type === 'TemplateLiteral' ? text : `String(${text})`;
  }

  // --- context.X = … and user.X = … -------------------------------------------------------------

  private assignment(a: acorn.AssignmentExpression, node: AnyNode): string | undefined {
    if (a.left.type !== 'MemberExpression') return undefined;
    const chain = memberChain(a.left);
    const { names } = this.analysis;
    if (!chain) return undefined;
    if (chain.root.name === names.user) return this.userWrite(a, chain.segments.map((s) => s.name));
    if (chain.root.name !== names.context) return undefined;
    const path = staticPath(chain.segments);
    if (a.operator !== '=') throw new Blocked(`context.${path.join('.')} ${a.operator} …: only plain assignments to context convert.`);
    const [part] = path;
    if ((part === 'idToken' || part === 'accessToken') && chain.segments.length === 2) {
      const seg = chain.segments[1];
      if (seg === undefined) return undefined;
      if (part === 'accessToken' && seg.name === 'scope') throw new Blocked('context.accessToken.scope replaced the granted scopes; in Actions call api.accessToken.addScope(s) / removeScope(s) for each change.');
      const key = seg.name !== undefined ? JSON.stringify(seg.name) : this.x.conv(seg.computed as acorn.Expression, seg.node);
      return `api.${part}.setCustomClaim(${key}, ${this.claimValue(a.right, a)});`;
    }
    if (path.length !== 1 || chain.segments.length !== 1) throw new Blocked(`context.${path.join('.')} = … has no Action equivalent.`);
    if (part === 'multifactor') return this.multifactor(a.right);
    if (part === 'redirect') return this.redirect(a.right, node);
    if (part === 'primaryUser') return `api.authentication.setPrimaryUser(${this.stringy(a.right, a)});`;
    throw new Blocked(`context.${part} = … has no Action equivalent.`);
  }

  private userWrite(a: acorn.AssignmentExpression, path: Array<string | undefined>): string | undefined {
    const [field] = path;
    if ((field === 'app_metadata' || field === 'user_metadata') && path.length === 1) {
      const r = a.right;
      const same = r.type === 'LogicalExpression' && (r.operator === '||' || r.operator === '??') && r.right.type === 'ObjectExpression' && r.right.properties.length === 0 && this.x.text(r.left) === this.x.text(a.left);
      if (same) {
        this.x.note(a, `event.user.${field} is always an object in Actions: "${this.x.text(a)}" is not needed.`);
        return '';
      }
      throw new Blocked(`user.${field} = … replaces the whole object: in Actions set each key with api.user.${field === 'app_metadata' ? 'setAppMetadata' : 'setUserMetadata'}(key, value).`);
    }
    if (field === 'app_metadata' || field === 'user_metadata') return undefined;
    throw new Blocked(`user.${field ?? '[…]'} = …: changes to the Rules user object were not saved, and Actions cannot change the profile through the event. Keep the value in a variable (or metadata, with api.user.setAppMetadata).`);
  }

  /** A claim value: a literal stays; anything else is cast, as the Rule assumed it JSON. */
  private claimValue(value: acorn.Expression, parent: AnyNode): string {
    const text = this.x.conv(value, parent);
    if (isLiteralValue(value)) return text;
    this.usesClaimValue = true;
    this.x.note(value, 'Claim values set from untyped data are cast to ClaimValue, as the Rule assumed them JSON; a value that is undefined sets no claim, as in the Rule.');
    const primary = ['Identifier', 'MemberExpression', 'CallExpression', 'Literal', 'ArrayExpression', 'ObjectExpression', 'TemplateLiteral', 'NewExpression'].includes(value.type);
    return primary ? `${text} as ClaimValue` : `(${text}) as ClaimValue`;
  }

  private objectProps(node: acorn.Expression, what: string): Map<string, acorn.Expression> {
    if (node.type !== 'ObjectExpression') throw new Blocked(`${what} is set to something other than an object literal: write the api call by hand.`);
    const out = new Map<string, acorn.Expression>();
    for (const p of node.properties) {
      if (p.type !== 'Property' || p.computed || p.key.type !== 'Identifier') throw new Blocked(`${what}: spread or computed keys; write the api call by hand.`);
      out.set(p.key.name, p.value as acorn.Expression);
    }
    return out;
  }

  private multifactor(value: acorn.Expression): string {
    const props = this.objectProps(value, 'context.multifactor');
    const provider = props.get('provider');
    if (provider?.type !== 'Literal' || typeof provider.value !== 'string' || !PROVIDERS.has(provider.value)) {
      throw new Blocked(`context.multifactor needs a provider among ${[...PROVIDERS].join(', ')} as a literal to become api.multifactor.enable(provider).`);
    }
    const unknown = [...props.keys()].filter((k) => k !== 'provider' && k !== 'allowRememberBrowser');
    if (unknown.length > 0) this.x.note(value, `context.multifactor's ${unknown.join(', ')} ha${unknown.length === 1 ? 's' : 've'} no api.multifactor.enable option and ${unknown.length === 1 ? 'is' : 'are'} left out.`);
    const remember = props.get('allowRememberBrowser');
    const options = remember === undefined ? '' : `, { allowRememberBrowser: ${isLiteralValue(remember) ? this.x.conv(remember, value) : `Boolean(${this.x.conv(remember, value)})`} }`;
    return `api.multifactor.enable(${this.x.text(provider)}${options});`;
  }

  private redirect(value: acorn.Expression, node: AnyNode): string {
    const props = this.objectProps(value, 'context.redirect');
    const url = props.get('url');
    if (!url) throw new Blocked('context.redirect without a url.');
    this.x.note(node, 'After a redirect, Auth0 ran every Rule again with context.protocol === "redirect-callback"; an Action resumes in exports.onContinuePostLogin instead: move the code of that branch there.');
    return `api.redirect.sendUserTo(${this.stringy(url, value)});`;
  }

  // --- metadata ------------------------------------------------------------------------------------

  private metadataWrite(kind: 'app' | 'user', object: string, key: string): string {
    const access = /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    return `api.user.${kind === 'app' ? 'setAppMetadata' : 'setUserMetadata'}(${JSON.stringify(key)}, ${object}${access});`;
  }

  private persist(node: AnyNode, parent: AnyNode | undefined): string {
    const p = this.analysis.persists.get(node);
    if (!p) return '';
    const parts: string[] = [];
    for (const c of p.calls) {
      const method = c.kind === 'app' ? 'setAppMetadata' : 'setUserMetadata';
      this.x.note(node, `auth0.users.update…Metadata became api.user.set…Metadata: Auth0 writes an Action's metadata once, after the flow; later Actions see it in event.user.`);
      const object = this.x.conv(c.object, undefined);
      if (!c.whole || this.analysis.opaque.has(c.kind)) parts.push(`for (const [key, value] of Object.entries(${object})) api.user.${method}(key, value);`);
      else for (const key of c.keys) parts.push(this.metadataWrite(c.kind, object, key));
    }
    if (p.droppedCatch) this.x.note(node, 'The .catch that failed the login when the metadata update failed is gone: Actions write metadata after the flow, and a failed write does not fail the login.');
    for (const t of p.then) parts.push(this.statement(t, parent));
    return this.lines(parts, node, parent);
  }
}
