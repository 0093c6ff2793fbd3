// Rewriting a Rule's expressions into an Action's, keeping the source text (and its comments) of every
// part that does not change: a node's new text is its old text with its changed children spliced in.
import type * as acorn from 'acorn';
import { isBuiltin } from 'node:module';
import { packageOfVersioned } from '../rules/require.ts';
import type { Analysis } from './analysis.ts';
import { children, isIdentifier, lineOf, memberChain, staticPath, type AnyNode, type Segment } from './ast.ts';
import { Blocked, type Findings } from './findings.ts';
import { contextMapping, UNTYPED_RECORDS, userMapping, type Mapped } from './mapping.ts';

/** Values that are always objects in an Action: `X || {}` is just X. */
const ALWAYS_OBJECTS = new Set([...UNTYPED_RECORDS, 'event.client.metadata', 'event.request.geoip', '(event.connection.metadata ?? {})']);

const ARRAY_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'includes', 'indexOf', 'lastIndexOf', 'map', 'filter', 'some', 'every', 'forEach', 'find', 'findIndex', 'join', 'concat', 'slice', 'reduce', 'flat', 'flatMap', 'length', 'sort', 'reverse']);
const STRING_METHODS = new Set(['startsWith', 'endsWith', 'split', 'toLowerCase', 'toUpperCase', 'trim', 'replace', 'match', 'substring', 'substr', 'charAt', 'padStart', 'padEnd', 'localeCompare', 'normalize']);

/** The type a field read must have for its next use: `.push` an array, `.startsWith` a string, else an object. */
function shapeFor(next: string): string {
  return ARRAY_METHODS.has(next) ? 'unknown[]' : STRING_METHODS.has(next) ? 'string' : 'Record<string, unknown>';
}

/** Children that are names, not values: never rewritten. */
function isNameChild(parent: AnyNode, child: AnyNode): boolean {
  switch (parent.type) {
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return parent.key === child && !parent.computed;
    case 'MemberExpression':
      return parent.property === child && !parent.computed;
    case 'VariableDeclarator':
      return parent.id === child;
    case 'FunctionExpression':
    case 'FunctionDeclaration':
    case 'ArrowFunctionExpression':
      return parent.id === child || parent.params.includes(child as acorn.Pattern);
    case 'CatchClause':
      return parent.param === child;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return parent.label === child;
    default:
      return false;
  }
}

export interface ExpressionHost {
  readonly src: string;
  readonly analysis: Analysis;
  readonly findings: Findings;
  readonly secrets: Set<string>;
  readonly dependencies: Map<string, string>;
  /** Set when a claim value needed the ClaimValue type. */
  usesClaimValue: boolean;
  /** Statements are converted by the statement layer (it catches Blocked). */
  statement(node: AnyNode, parent: AnyNode | undefined): string;
}

export class Expressions {
  constructor(private readonly h: ExpressionHost) {}

  note(node: AnyNode, message: string): void {
    if (!this.h.findings.notes.some((n) => n.message === message)) this.h.findings.notes.push({ line: lineOf(node), message });
  }

  text(node: AnyNode): string {
    return this.h.src.slice(node.start, node.end);
  }

  /** The node's text with its children converted. */
  splice(node: AnyNode): string {
    let out = '';
    let at = node.start;
    for (const child of children(node)) {
      if (child.start < at || isNameChild(node, child)) continue;
      const text = this.conv(child, node);
      out += this.h.src.slice(at, child.start);
      // A statement that went away takes its line with it.
      if (text === '' && node.type === 'BlockStatement') {
        const trimmed = out.replace(/[ \t]*$/, '');
        if (trimmed.endsWith('\n') && /^[ \t]*\n/.test(this.h.src.slice(child.end))) {
          out = trimmed.slice(0, -1);
        }
      }
      out += text;
      at = child.end;
    }
    if (node.type === 'Property' && node.shorthand && node.value.type === 'Identifier' && this.conv(node.value, node) !== node.value.name) {
      return `${node.value.name}: ${this.conv(node.value, node)}`;
    }
    return out + this.h.src.slice(at, node.end);
  }

  conv(node: AnyNode, parent: AnyNode | undefined): string {
    if (node.type.endsWith('Statement') || node.type === 'VariableDeclaration' || node.type === 'FunctionDeclaration') return this.h.statement(node, parent);
    const { names } = this.h.analysis;
    switch (node.type) {
      case 'Identifier':
        return this.identifier(node);
      case 'MemberExpression':
        return this.member(node, parent);
      case 'CallExpression':
        if (isIdentifier(node.callee, names.callback) && this.h.analysis.mode === 'direct') throw new Blocked('callback() is called where it cannot become a return or api.access.deny: restructure this part by hand.');
        if (isIdentifier(node.callee, 'require') && node.arguments[0]?.type === 'Literal' && typeof node.arguments[0].value === 'string') return this.require(node, node.arguments[0].value);
        return this.splice(node);
      case 'NewExpression':
        if (isIdentifier(node.callee, 'UnauthorizedError')) {
          this.note(node, 'new UnauthorizedError(…) becomes a plain Error: Auth0 answered it with error=unauthorized, api.access.deny answers error=access_denied. Check apps that test for "unauthorized".');
        }
        return this.splice(node);
      case 'LogicalExpression':
        return this.logical(node, parent);
      case 'BinaryExpression':
        if (this.isRedirectCallbackTest(node)) {
          throw new Blocked("Rules ran again after a redirect with context.protocol === 'redirect-callback'; an Action resumes in exports.onContinuePostLogin = async (event, api) => { … }: move this branch there.");
        }
        return this.splice(node);
      case 'AssignmentExpression':
        if (this.isRuleWrite(node.left)) throw new Blocked(`${this.text(node.left)} is set inside an expression: write it as its own statement so it can become an api call.`);
        return this.splice(node);
      default:
        return this.splice(node);
    }
  }

  private isRedirectCallbackTest(node: acorn.BinaryExpression): boolean {
    const isProtocol = (n: AnyNode) => n.type === 'MemberExpression' && memberChain(n)?.root.name === this.h.analysis.names.context && staticPath(memberChain(n)?.segments ?? []).join('.') === 'protocol';
    const isLiteral = (n: AnyNode) => n.type === 'Literal' && n.value === 'redirect-callback';
    return (isProtocol(node.left) && isLiteral(node.right)) || (isLiteral(node.left) && isProtocol(node.right));
  }

  /** True for `context.X…` on the left of an assignment: statements convert those. */
  isRuleWrite(node: AnyNode): boolean {
    if (node.type !== 'MemberExpression') return false;
    const chain = memberChain(node);
    return chain?.root.name === this.h.analysis.names.context;
  }

  private identifier(node: acorn.Identifier): string {
    const { names } = this.h.analysis;
    if (node.name === names.user) return 'event.user';
    if (node.name === names.context) throw new Blocked('`context` as a whole has no Action equivalent: pass on the event fields the code needs.');
    if (node.name === names.callback && this.h.analysis.mode === 'direct') throw new Blocked('callback is passed on as a value; call it where the Rule ends instead.');
    if (node.name === 'configuration') throw new Blocked('`configuration` as a whole: Actions read each secret as event.secrets.NAME; declare each one in tenant.yaml.');
    if (node.name === 'auth0') throw new Blocked('Actions get no Management API token (the Rules `auth0` object): create a machine-to-machine application, keep its credentials in secrets, and use the auth0 SDK, or use api.user.setAppMetadata for metadata.');
    if (node.name === 'global') throw new Blocked('Actions have no `global` object shared across logins: cache with api.cache, or keep values in module scope (reused while the instance is warm).');
    if (node.name === 'UnauthorizedError') return 'Error';
    return node.name;
  }

  private require(node: acorn.CallExpression, id: string): string {
    const { name, version, bare } = packageOfVersioned(id);
    if (version !== undefined && version !== '') {
      this.h.dependencies.set(name, version);
      return `${this.text(node.callee)}(${JSON.stringify(bare)})`;
    }
    if (!isBuiltin(name)) {
      this.note(node, `require('${id}') names no version: the Rules sandbox had ${name} preinstalled, an Action gets only the npm packages it declares. Add { name: ${name}, version: … } (the version the Rule relied on) to the Action's dependencies in tenant.yaml: until then claimkit run and build refuse the require (ERR_DEPENDENCY_UNDECLARED).`);
    }
    return this.splice(node);
  }

  /** `X || {}` where X is always an object in Actions → X. */
  private logical(node: acorn.LogicalExpression, parent: AnyNode | undefined): string {
    const emptyObject = node.right.type === 'ObjectExpression' && node.right.properties.length === 0;
    if ((node.operator === '||' || node.operator === '??') && emptyObject) {
      const left = this.conv(node.left, node);
      if (ALWAYS_OBJECTS.has(left)) return left;
      // (optional || {}).x → optional?.x, done by member().
      if (parent?.type === 'MemberExpression' && parent.object === node && this.isMapped(node.left)) return left;
    }
    return this.splice(node);
  }

  private isMapped(node: AnyNode): boolean {
    if (node.type !== 'MemberExpression') return false;
    const root = memberChain(node)?.root.name;
    return root === this.h.analysis.names.context || root === this.h.analysis.names.user;
  }

  private member(node: acorn.MemberExpression, parent: AnyNode | undefined): string {
    // (X || {}).p where X is a mapped event part: X.p when it is always an object, else X?.p.
    const o = node.object;
    if (o.type === 'LogicalExpression' && (o.operator === '||' || o.operator === '??') && o.right.type === 'ObjectExpression' && o.right.properties.length === 0 && this.isMapped(o.left)) {
      const base = this.conv(o.left, o);
      const always = ALWAYS_OBJECTS.has(base);
      const prop = node.computed ? `${always ? '' : '?.'}[${this.conv(node.property, node)}]` : `${always ? '.' : '?.'}${(node.property as acorn.Identifier).name}`;
      return this.withCast(node, `${base}${prop}`, parent, UNTYPED_RECORDS.has(base));
    }
    const chain = memberChain(node);
    const { names } = this.h.analysis;
    if (!chain) return this.splice(node);
    const rootName = chain.root.name;
    if (rootName === names.context) return this.mapped(chain.segments, contextMapping(staticPath(chain.segments)), 'context', node, parent);
    if (rootName === names.user) {
      const field = chain.segments[0]?.name;
      if (field === undefined) throw new Blocked('user[…] with a computed name: name the property (event.user.<name>).');
      return this.mapped(chain.segments, { mapping: userMapping(field), used: 1 }, 'user', node, parent);
    }
    if (rootName === 'configuration') {
      const key = chain.segments[0]?.name;
      if (key === undefined) throw new Blocked('configuration[…] with a computed name: Actions read each secret by name, event.secrets.NAME.');
      this.h.secrets.add(key);
      return `event.secrets.${key}${chain.segments.slice(1).map((s) => this.segmentText(s)).join('')}`;
    }
    if (this.h.analysis.aliases.has(rootName)) {
      if (chain.segments.length >= 2) return this.castThrough(rootName, chain.segments);
      return this.withCast(node, this.splice(node), parent, true);
    }
    const prefix = this.h.analysis.contextAliases.get(rootName);
    if (prefix) {
      // A read through a variable holding part of context maps like the part itself, through the variable.
      const own = contextMapping(prefix);
      const found = contextMapping([...prefix, ...staticPath(chain.segments)]);
      if (own && found && found.used > prefix.length && 'expr' in own.mapping && 'expr' in found.mapping && own.used === prefix.length && found.mapping.expr.startsWith(own.mapping.expr)) {
        if (found.mapping.note) this.note(node, found.mapping.note);
        const rest = chain.segments.slice(found.used - prefix.length).map((seg) => this.segmentText(seg)).join('');
        return `${rootName}${found.mapping.expr.slice(own.mapping.expr.length)}${rest}`;
      }
    }
    return this.splice(node);
  }

  private segmentText(s: Segment): string {
    const m = s.node;
    if (s.name !== undefined && !m.computed) return `${s.optional ? '?.' : '.'}${s.name}`;
    return `${s.optional ? '?.' : ''}[${this.conv(m.property, m)}]`;
  }

  private mapped(segments: Segment[], found: ReturnType<typeof contextMapping>, root: string, node: acorn.MemberExpression, parent: AnyNode | undefined): string {
    const path = staticPath(segments).join('.');
    if (!found) throw new Blocked(`${root}.${path || '[…]'} has no Action equivalent that claimkit knows.`);
    const { mapping, used } = found;
    if ('todo' in mapping) throw new Blocked(mapping.todo);
    if (mapping.note) this.note(node, mapping.note);
    const rest = segments.slice(used);
    const soft = (mapping as Mapped).soften === true;
    if (UNTYPED_RECORDS.has(mapping.expr) && rest.length >= 2) return this.castThrough(mapping.expr, rest);
    let text = soft && rest.length === 0 ? `(${mapping.expr} ?? {})` : mapping.expr;
    rest.forEach((s, i) => {
      const seg = this.segmentText(s);
      // The Rule's value was always an object: the first access must not throw where it did not.
      text += soft && i === 0 && !seg.startsWith('?.') ? `?.${seg.startsWith('.') ? seg.slice(1) : seg}` : seg;
    });
    return this.withCast(node, text, parent, UNTYPED_RECORDS.has(mapping.expr) && rest.length === 1);
  }

  /** `record.field.more…`: the field gets the shape its next use implies, then the chain goes on. */
  private castThrough(base: string, rest: Segment[]): string {
    const [field, next, ...after] = rest as [Segment, Segment, ...Segment[]];
    const shape = next.name !== undefined && !next.node.computed ? shapeFor(next.name) : 'Record<string, unknown>';
    return `(${base}${this.segmentText(field)} as ${shape})${[next, ...after].map((s) => this.segmentText(s)).join('')}`;
  }

  /**
   * A field read from untyped JSON (metadata, the request's query or body) gets the shape the Rule used
   * it with — array, string or object — as a cast: the Action does exactly what the Rule did, and the
   * types say what the Rule assumed.
   */
  private withCast(node: acorn.MemberExpression, text: string, parent: AnyNode | undefined, recordField: boolean): string {
    if (!recordField) return text;
    if (parent?.type === 'AssignmentExpression' && parent.left === node) return text;
    if (parent?.type === 'UnaryExpression' && parent.operator === 'delete') return text;
    let shape: string | undefined;
    if (parent?.type === 'MemberExpression' && parent.object === node) {
      shape = parent.computed ? 'Record<string, unknown>' : shapeFor((parent.property as acorn.Identifier).name);
    } else if (parent?.type === 'LogicalExpression' && parent.left === node && (parent.operator === '||' || parent.operator === '??')) {
      const r = parent.right;
      shape = r.type === 'ArrayExpression' ? 'unknown[] | undefined' : r.type === 'ObjectExpression' ? 'Record<string, unknown> | undefined' : r.type === 'Literal' && typeof r.value === 'string' ? 'string | undefined' : r.type === 'Literal' && typeof r.value === 'number' ? 'number | undefined' : undefined;
    } else if (parent?.type === 'ForOfStatement' && parent.right === node) shape = 'unknown[]';
    return shape === undefined ? text : `(${text} as ${shape})`;
  }
}
