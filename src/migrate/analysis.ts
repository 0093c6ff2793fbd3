// What the converter must know about a Rule before it rewrites a line: its parameter names, whether
// `callback` is only called straight-line (so it becomes `return` / `api.access.deny`) or from nested
// functions (so the body runs inside a Promise), which statements persist metadata through
// `auth0.users.update…Metadata`, and where the Rule changes the metadata it persists.
import type * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import type { ParsedRule } from '../rules/parse.ts';
import { isIdentifier, memberChain, type AnyNode } from './ast.ts';

export type MetadataKind = 'app' | 'user';

export interface Names {
  user: string | undefined;
  context: string | undefined;
  callback: string | undefined;
}

/** One `auth0.users.update…Metadata(user.user_id, object)` inside a persisting statement. */
export interface PersistCall {
  kind: MetadataKind;
  object: acorn.Expression;
  /** The object is the user's own metadata (or an alias of it): the keys the Rule changed are written one by one. */
  whole: boolean;
  /** With `whole`: keys the Rule changed before this call that are written here (not where they change). */
  keys: string[];
}

/** A metadata key written with api.user.set…Metadata right after the statement that changes it. */
export interface SiteWrite {
  kind: MetadataKind;
  base: AnyNode;
  key: string;
}

export interface Persist {
  calls: PersistCall[];
  /** The statements of the `.then(…)` handler, run where the statement was. */
  then: acorn.Statement[];
  /** A `.catch(…)` that passed the error to callback was dropped. */
  droppedCatch: boolean;
  thenFn: AnyNode | undefined;
  catchFn: AnyNode | undefined;
}

export interface Analysis {
  names: Names;
  mode: 'direct' | 'promise';
  persists: Map<AnyNode, Persist>;
  aliases: Map<string, MetadataKind>;
  /** Variables holding a part of `context` (`const geoip = context.request.geoip`): their reads map like the part's. */
  contextAliases: Map<string, string[]>;
  /** Statements after which a changed metadata key is written (the idiomatic place, as Auth0's guide does). */
  siteWrites: Map<AnyNode, SiteWrite[]>;
  /** Metadata kinds persisted whole whose changes cannot all be named (a computed key, passed to a function…): write every key. */
  opaque: Set<MetadataKind>;
}

const MUTATING = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);
const FUNCTIONS = new Set(['FunctionExpression', 'ArrowFunctionExpression', 'FunctionDeclaration']);

function paramName(p: acorn.Pattern | undefined): string | undefined {
  return p?.type === 'Identifier' ? p.name : undefined;
}

export function ruleNames(fn: ParsedRule['fn']): Names {
  return { user: paramName(fn.params[0]), context: paramName(fn.params[1]), callback: paramName(fn.params[2]) };
}

/** `user.app_metadata` → 'app'; an alias of it → its kind. */
export function metadataKindOf(node: AnyNode, names: Names, aliases: ReadonlyMap<string, MetadataKind>): MetadataKind | undefined {
  if (node.type === 'Identifier') return aliases.get(node.name);
  if (node.type !== 'MemberExpression') return undefined;
  const chain = memberChain(node);
  if (!chain || chain.root.name !== names.user || chain.segments.length !== 1) return undefined;
  const name = chain.segments[0]?.name;
  return name === 'app_metadata' ? 'app' : name === 'user_metadata' ? 'user' : undefined;
}

/** `X`, `X || {}`, `X ?? {}` → X. */
function withoutEmptyDefault(node: AnyNode): AnyNode {
  if (node.type === 'LogicalExpression' && (node.operator === '||' || node.operator === '??') && node.right.type === 'ObjectExpression' && node.right.properties.length === 0) return node.left;
  return node;
}

function findAliases(fn: ParsedRule['fn'], names: Names): { aliases: Map<string, MetadataKind>; contextAliases: Map<string, string[]> } {
  const aliases = new Map<string, MetadataKind>();
  const contextAliases = new Map<string, string[]>();
  walk.simple(fn, {
    VariableDeclarator(node) {
      const d = node as acorn.VariableDeclarator;
      if (d.id.type !== 'Identifier' || !d.init) return;
      const kind = metadataKindOf(withoutEmptyDefault(d.init), names, aliases);
      if (kind) aliases.set(d.id.name, kind);
      const chain = d.init.type === 'MemberExpression' ? memberChain(d.init) : undefined;
      if (chain && chain.root.name === names.context && chain.segments.every((seg) => seg.name !== undefined && !seg.optional)) {
        contextAliases.set(d.id.name, chain.segments.map((seg) => seg.name as string));
      }
    },
  });
  return { aliases, contextAliases };
}

/** `promise.then(f).catch(g)` → the promise and its handlers. */
function peel(expr: acorn.Expression): { core: acorn.Expression; then?: acorn.Expression; catch?: acorn.Expression } {
  const out: { core: acorn.Expression; then?: acorn.Expression; catch?: acorn.Expression } = { core: expr };
  let e: acorn.Expression = expr.type === 'AwaitExpression' ? expr.argument : expr;
  while (e.type === 'CallExpression' && e.callee.type === 'MemberExpression' && !e.callee.computed && e.callee.property.type === 'Identifier') {
    const method = e.callee.property.name;
    if (method !== 'then' && method !== 'catch') break;
    const arg = e.arguments[0];
    if (!arg || arg.type === 'SpreadElement') break;
    if (method === 'then') out.then = arg;
    else out.catch = arg;
    e = e.callee.object as acorn.Expression;
  }
  out.core = e.type === 'AwaitExpression' ? e.argument : e;
  return out;
}

function updateCall(node: AnyNode, names: Names, aliases: ReadonlyMap<string, MetadataKind>): PersistCall | undefined {
  if (node.type !== 'CallExpression' || node.arguments.length !== 2 || node.callee.type !== 'MemberExpression') return undefined;
  const chain = memberChain(node.callee);
  const [users, method] = chain?.segments ?? [];
  if (!chain || chain.root.name !== 'auth0' || chain.segments.length !== 2 || users?.name !== 'users') return undefined;
  const kind = method?.name === 'updateAppMetadata' ? 'app' : method?.name === 'updateUserMetadata' ? 'user' : undefined;
  const [id, object] = node.arguments;
  // Only the user logging in: api.user changes that user.
  if (!kind || id?.type !== 'MemberExpression' || object === undefined || object.type === 'SpreadElement') return undefined;
  const idChain = memberChain(id);
  if (!idChain || idChain.root.name !== names.user || idChain.segments.length !== 1 || idChain.segments[0]?.name !== 'user_id') return undefined;
  return { kind, object, whole: metadataKindOf(object, names, aliases) === kind, keys: [] };
}

/** A handler's statements; undefined when it is not a plain function of at most one unused parameter. */
function handlerBody(fn: acorn.Expression | undefined): acorn.Statement[] | undefined {
  if (!fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') || fn.params.length > 1 || fn.async) return undefined;
  if (fn.body.type === 'BlockStatement') return fn.body.body;
  return [{ type: 'ExpressionStatement', expression: fn.body, start: fn.body.start, end: fn.body.end, loc: fn.body.loc } as acorn.ExpressionStatement];
}

/** `.catch(callback)` or `.catch((err) => callback(err))`. */
function passesToCallback(fn: acorn.Expression | undefined, callback: string | undefined): boolean {
  if (!fn || callback === undefined) return false;
  if (isIdentifier(fn, callback)) return true;
  const body = handlerBody(fn);
  const param = (fn as acorn.ArrowFunctionExpression).params?.[0];
  const only = body?.length === 1 ? body[0] : undefined;
  const call = only?.type === 'ExpressionStatement' ? only.expression : only?.type === 'ReturnStatement' ? only.argument : undefined;
  return call?.type === 'CallExpression' && isIdentifier(call.callee, callback) && call.arguments.length === 1 && isIdentifier(call.arguments[0], paramName(param));
}

function persistOf(stmt: AnyNode, names: Names, aliases: ReadonlyMap<string, MetadataKind>): Persist | undefined {
  const expr = stmt.type === 'ExpressionStatement' ? stmt.expression : stmt.type === 'ReturnStatement' ? stmt.argument : undefined;
  if (!expr) return undefined;
  const { core, then, catch: onError } = peel(expr);
  let calls: PersistCall[] = [];
  const one = updateCall(core, names, aliases);
  if (one) calls = [one];
  else if (core.type === 'CallExpression' && core.callee.type === 'MemberExpression' && isIdentifier(core.callee.object, 'Promise') && core.arguments[0]?.type === 'ArrayExpression') {
    const list = core.arguments[0].elements.map((e) => (e && e.type !== 'SpreadElement' ? updateCall(e, names, aliases) : undefined));
    if (list.length === 0 || list.some((c) => c === undefined)) return undefined;
    calls = list as PersistCall[];
  } else return undefined;
  const thenBody = then === undefined ? [] : handlerBody(then);
  if (thenBody === undefined) return undefined;
  if (then !== undefined && (then as acorn.ArrowFunctionExpression).params.length > 0) return undefined;
  if (onError !== undefined && !passesToCallback(onError, names.callback)) return undefined;
  return { calls, then: thenBody, droppedCatch: onError !== undefined, thenFn: then, catchFn: onError };
}

/** Every node of the function with its ancestors, handlers of persisting statements counted as the statement's level. */
function visit(fn: ParsedRule['fn'], cb: (node: AnyNode, ancestors: AnyNode[]) => void): void {
  walk.fullAncestor(fn, (node, _state, ancestors) => cb(node as AnyNode, ancestors as AnyNode[]));
}

/** The nearest enclosing function of a node, skipping the handlers of persisting statements. */
function enclosingFunction(ancestors: readonly AnyNode[], persists: ReadonlyMap<AnyNode, Persist>): AnyNode | undefined {
  for (let i = ancestors.length - 2; i >= 0; i--) {
    const a = ancestors[i] as AnyNode;
    if (!FUNCTIONS.has(a.type)) continue;
    // A .then(() => …) handler of a persisting statement is inlined where the statement was.
    if ([...persists.values()].some((p) => p.thenFn === a)) continue;
    return a;
  }
  return undefined;
}

function decideMode(fn: ParsedRule['fn'], names: Names, persists: ReadonlyMap<AnyNode, Persist>): 'direct' | 'promise' {
  let mode: 'direct' | 'promise' = 'direct';
  if (names.callback === undefined) return mode;
  visit(fn, (node, ancestors) => {
    if (!isIdentifier(node, names.callback) || node === fn.params[2]) return;
    // Inside a dropped .catch(callback): gone with it.
    const inCatch = [...persists.values()].some((p) => p.catchFn !== undefined && node.start >= p.catchFn.start && node.end <= p.catchFn.end);
    const parent = ancestors[ancestors.length - 2];
    const grand = ancestors[ancestors.length - 3];
    // `.then(() => callback(null, user, context))`: the arrow's body is inlined as a statement.
    const thenBody = grand?.type === 'ArrowFunctionExpression' && grand.body === parent && [...persists.values()].some((p) => p.thenFn === grand);
    const direct =
      parent?.type === 'CallExpression' && parent.callee === node &&
      (grand?.type === 'ExpressionStatement' || (grand?.type === 'ReturnStatement' && grand.argument === parent) || thenBody) &&
      enclosingFunction(ancestors, persists) === fn;
    if (!direct && !inCatch) mode = 'promise';
  });
  return mode;
}

function keyOf(member: acorn.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === 'Identifier') return member.property.name;
  if (member.property.type === 'Literal' && typeof member.property.value === 'string') return member.property.value;
  return undefined;
}

/** The metadata key a mutation changes: `md.k = v`, `md.k.x = v`, `delete md.k`, `md.k.push(v)`, `md.k++`. */
function mutation(node: AnyNode, names: Names, aliases: ReadonlyMap<string, MetadataKind>): { target: acorn.MemberExpression; deleted: boolean } | undefined {
  let target: AnyNode | undefined;
  let deleted = false;
  if (node.type === 'AssignmentExpression' || node.type === 'UpdateExpression') target = node.type === 'AssignmentExpression' ? node.left : node.argument;
  else if (node.type === 'UnaryExpression' && node.operator === 'delete') {
    target = node.argument;
    deleted = true;
  } else if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed && node.callee.property.type === 'Identifier' && MUTATING.has(node.callee.property.name)) {
    target = node.callee.object;
  }
  // Down to the member right under the metadata object.
  while (target?.type === 'MemberExpression') {
    if (metadataKindOf(target.object, names, aliases)) return { target, deleted: deleted && target === (node as acorn.UnaryExpression).argument };
    target = target.object;
  }
  return undefined;
}

export function analyse(parsed: ParsedRule): Analysis {
  const { fn } = parsed;
  const names = ruleNames(fn);
  const { aliases, contextAliases } = findAliases(fn, names);
  const persists = new Map<AnyNode, Persist>();
  visit(fn, (node) => {
    if (node.type !== 'ExpressionStatement' && node.type !== 'ReturnStatement') return;
    const p = persistOf(node, names, aliases);
    if (p) persists.set(node, p);
  });
  // The keys changed before each whole-object update: Auth0 merged the object's root keys, so those are
  // what it wrote (a `delete` changes nothing there: an absent key is kept by the merge).
  const changes: Array<{ kind: MetadataKind; key: string | undefined; at: number; base: AnyNode; stmt: AnyNode | undefined }> = [];
  const exits: number[] = [];
  const opaque = new Set<MetadataKind>();
  visit(fn, (node, ancestors) => {
    if (node.type === 'ReturnStatement' || (node.type === 'CallExpression' && isIdentifier(node.callee, names.callback))) exits.push(node.start);
    const m = mutation(node, names, aliases);
    if (m) {
      const stmt = [...ancestors].reverse().find((a, i) => i > 0 && (a.type.endsWith('Statement') || a.type === 'VariableDeclaration'));
      if (!m.deleted) changes.push({ kind: metadataKindOf(m.target.object, names, aliases) as MetadataKind, key: keyOf(m.target), at: node.start, base: m.target.object, stmt });
      return;
    }
    const parent = ancestors[ancestors.length - 2];
    const kind = metadataKindOf(node, names, aliases);
    if (kind && parent?.type === 'CallExpression' && parent.arguments.includes(node as acorn.Expression) && ![...persists.values()].some((p) => p.calls.some((c) => c.object === node))) opaque.add(kind);
  });
  const siteWrites = new Map<AnyNode, SiteWrite[]>();
  for (const [stmt, p] of persists) {
    for (const c of p.calls) {
      if (!c.whole) continue;
      for (const ch of changes) {
        if (ch.kind !== c.kind || ch.at > stmt.start) continue;
        if (ch.key === undefined) {
          opaque.add(c.kind);
          continue;
        }
        // Written where it changes, unless the Rule may stop between the change and the update (then
        // the Rule never wrote it, and neither may the Action: api.access.deny keeps earlier writes).
        const exitBetween = exits.some((e) => e > ch.at && e < stmt.start);
        if (!exitBetween && ch.stmt && !persists.has(ch.stmt)) {
          const list = siteWrites.get(ch.stmt) ?? [];
          if (!list.some((w) => w.key === ch.key && w.kind === ch.kind)) list.push({ kind: ch.kind, base: ch.base, key: ch.key });
          siteWrites.set(ch.stmt, list);
        } else if (!c.keys.includes(ch.key)) c.keys.push(ch.key);
      }
    }
  }
  return { names, mode: decideMode(fn, names, persists), persists, aliases, contextAliases, siteWrites, opaque };
}
