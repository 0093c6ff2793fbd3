import MagicString from 'magic-string';
import path from 'node:path';
import { ClaimkitError } from '../errors.ts';
import { parseRule } from '../rules/parse.ts';
import { analyse } from './analysis.ts';
import type { Finding } from './findings.ts';
import { StatementConverter } from './statements.ts';

export interface MigrateOptions {
  /** The Rule's name (tenant.yaml); the Action's name is made from it. */
  ruleName: string;
  /** The Rule's file, for messages and the header. */
  ruleFile: string;
  /** Where the Action will be written (the types import is relative to it); default actions/<name>.ts under `root`. */
  outFile?: string;
  /** The project root, holding src/types (claimkit's types). */
  root: string;
}

export interface Migration {
  actionName: string;
  /** The Action's TypeScript source. */
  code: string;
  todos: Finding[];
  notes: Finding[];
  /** Secrets the Action reads (the Rule's configuration keys). */
  secrets: string[];
  /** npm packages with the versions the Rule required. */
  dependencies: Array<{ name: string; version: string }>;
  /** The tenant.yaml entry and binding to add. */
  tenantYaml: string;
}

/** A Rule name ("Add roles to tokens", "Règle façade") as an Action name ("add-roles-to-tokens", "regle-facade"). */
export function actionNameFor(ruleName: string): string {
  let out = '';
  // Accented letters keep their base letter (NFKD splits "é" into "e" and a combining mark, dropped).
  for (const ch of ruleName.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()) out += /[a-z0-9]/.test(ch) ? ch : '-';
  const name = out.split('-').filter(Boolean).join('-');
  return name === '' ? 'migrated-rule' : name;
}

function typesImport(outFile: string, root: string, names: string[]): string {
  let rel = path.relative(path.dirname(outFile), path.join(root, 'src', 'types', 'index.ts')).split(path.sep).join('/');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return `import type { ${names.join(', ')} } from '${rel}';`;
}

function tenantEntry(name: string, secrets: string[], dependencies: Migration['dependencies']): string {
  const list = (items: string[]) => (items.length === 0 ? ' []' : `\n${items.map((i) => `      - ${i}`).join('\n')}`);
  return [
    'actions:',
    `  - name: ${name}`,
    `    code: ./dist/actions/${name}.js`,
    '    runtime: node22',
    '    deployed: true',
    `    dependencies:${list(dependencies.map((d) => `{ name: ${d.name}, version: ${d.version} }`))}`,
    `    secrets:${list(secrets.map((s) => `{ name: ${s} }`))}`,
    '    supported_triggers:',
    '      - { id: post-login, version: v3 }',
    'triggers:',
    '  post-login:',
    `    - { action_name: ${name}, display_name: ${name} }   # in the order the Rules ran`,
  ].join('\n');
}

/**
 * Converts a Rule's script into a typed post-login Action, on its syntax tree (acorn), editing the
 * source so the user's comments stay. Constructs with no Action equivalent stay commented out under a
 * `TODO(claimkit):` with the reason; changes in behaviour worth a look are listed as notes.
 */
export function migrateRule(source: string, options: MigrateOptions): Migration {
  const parsed = parseRule(source, options.ruleFile);
  const { fn } = parsed;
  if (fn.body.type !== 'BlockStatement') throw new ClaimkitError('ERR_MIGRATE_PARSE', 'The Rule is an arrow function with an expression body: give it a { … } body first.', { location: { file: options.ruleFile } });
  const analysis = analyse(parsed);
  const converter = new StatementConverter(parsed, analysis);
  const s = new MagicString(source);
  const body = fn.body;
  for (const stmt of body.body) {
    const text = converter.statement(stmt, body);
    if (text === source.slice(stmt.start, stmt.end)) continue;
    if (text === '') {
      // The whole line, when the statement was alone on it.
      const lineStart = source.lastIndexOf('\n', stmt.start - 1) + 1;
      const lineEnd = source.indexOf('\n', stmt.end);
      const alone = source.slice(lineStart, stmt.start).trim() === '' && source.slice(stmt.end, lineEnd === -1 ? source.length : lineEnd).trim() === '';
      if (alone) s.remove(lineStart, lineEnd === -1 ? source.length : lineEnd + 1);
      else s.remove(stmt.start, stmt.end);
    } else s.overwrite(stmt.start, stmt.end, text);
  }
  const actionName = actionNameFor(options.ruleName);
  const { callback } = analysis.names;
  let head = "export const onExecutePostLogin: PostLoginAction['onExecutePostLogin'] = async (event, api) => {";
  let foot = '};';
  if (analysis.mode === 'promise' && callback !== undefined) {
    // The Rule calls back from nested functions: it runs as it did, and the Action waits for it.
    head += `\n  await new Promise<void>((resolve) => {\n    let settled = false;\n    // The Rule's callback: an error denies the login with its message (Auth0: "Convert callbacks").\n    const ${callback} = (error?: unknown, ..._passedOn: unknown[]): void => {\n      if (settled) return;\n      settled = true;\n      if (error != null) api.access.deny(error instanceof Error ? error.message : String(error));\n      resolve();\n    };`;
    foot = '  });\n};';
  }
  s.overwrite(fn.start, body.start + 1, head);
  s.overwrite(body.end - 1, body.end, foot);
  const after = source.slice(fn.end);
  const semi = after.length - after.trimStart().length;
  if (after.trimStart().startsWith(';')) s.remove(fn.end + semi, fn.end + semi + 1);
  const outFile = options.outFile ?? path.join(options.root, 'actions', `${actionName}.ts`);
  const types = [...(converter.usesClaimValue ? ['ClaimValue'] : []), 'PostLoginAction'];
  const { todos, notes } = converter.findings;
  const header = [
    `// Migrated by claimkit migrate from the Rule "${options.ruleName}" (${path.basename(options.ruleFile)}).`,
    todos.length > 0 ? `// ${todos.length} TODO(claimkit) below need a human before this Action can replace the Rule.` : '// Prove it behaves like the Rule before you switch: claimkit parity <rule> <this file>.',
    typesImport(outFile, options.root, types),
    '',
  ].join('\n');
  s.prepend(`${header}\n`);
  let code = s.toString();
  if (!code.endsWith('\n')) code += '\n';
  const secrets = [...converter.secrets].sort();
  const dependencies = [...converter.dependencies].map(([name, version]) => ({ name, version }));
  return { actionName, code, todos, notes, secrets, dependencies, tenantYaml: tenantEntry(actionName, secrets, dependencies) };
}
