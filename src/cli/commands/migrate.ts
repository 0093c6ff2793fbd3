import fs from 'node:fs';
import path from 'node:path';
import { ClaimkitError, formatLocation } from '../../errors.ts';
import { migrateRule, type Migration } from '../../migrate/index.ts';
import { markTypeErrors, typeCheckAction, type TypeCheck } from '../../migrate/typecheck.ts';
import { readRuleScript } from '../../rules/load.ts';
import { readTenantRules, resolveRuleRefs } from '../../rules/project.ts';
import { EXIT, type CliIo } from '../io.ts';

export interface MigrateCommandOptions {
  /** A Rule file, or the name of a Rule in tenant.yaml / the rules/ folder. */
  rule: string;
  /** Where to write the Action; without it, the Action goes to stdout. */
  out?: string;
  tenantFile?: string;
  /** Replace an existing file at `out`. */
  force: boolean;
  json: boolean;
}

/** Writes through a temporary file and a rename: a reader never sees half an Action. */
function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function report(m: Migration, check: TypeCheck, ruleFile: string, written: string | undefined, cwd: string): string {
  const rel = (f: string) => path.relative(cwd, f) || f;
  const at = (line: number) => formatLocation({ file: rel(ruleFile), line });
  const actionAt = (line: number) => formatLocation({ file: written ? rel(written) : `actions/${m.actionName}.ts`, line });
  const lines = [written ? `Migrated the Rule to ${rel(written)} (Action "${m.actionName}").` : `Migrated the Rule (Action "${m.actionName}").`];
  if (m.todos.length > 0) lines.push('', `${m.todos.length} TODO(claimkit) need a human (commented out in the Action):`, ...m.todos.map((t) => `  ${at(t.line)}: ${t.message}`));
  else lines.push('', 'Every construct was converted.');
  if (!check.checked) lines.push('', 'Not type-checked: the project has no typescript package (npm i -D typescript).');
  else if (check.errors.length > 0) lines.push('', `${check.errors.length} line(s) do not type-check (marked TODO(claimkit) in the Action):`, ...check.errors.map((e) => `  ${actionAt(e.line)}: ${e.message}`));
  else lines.push('The Action type-checks with the project\'s tsconfig.');
  if (m.notes.length > 0) lines.push('', 'Check these (converted, but they behave differently in Actions):', ...m.notes.map((n) => `  ${at(n.line)}: ${n.message}`));
  lines.push('', 'Add to tenant.yaml:', ...m.tenantYaml.split('\n').map((l) => `  ${l}`));
  if (m.secrets.length > 0) lines.push('', `Give each secret a value (as the Rule's configuration had): ${m.secrets.join(', ')} in .env or the environment.`);
  lines.push('', `Then prove it behaves like the Rule: claimkit parity ${rel(ruleFile)} ${written ? rel(written) : `actions/${m.actionName}.ts`}`);
  return `${lines.join('\n')}\n`;
}

/** `claimkit migrate RULE [--out actions/NAME.ts]`: a typed Action from a Rule, with what needs a human. */
export async function migrateCommand(o: MigrateCommandOptions, io: CliIo): Promise<number> {
  const tenantFile = path.resolve(io.cwd, o.tenantFile ?? 'tenant.yaml');
  const hasTenant = fs.existsSync(tenantFile);
  const root = hasTenant ? path.dirname(tenantFile) : io.cwd;
  const project = readTenantRules(root, hasTenant ? tenantFile : undefined);
  const [ref] = resolveRuleRefs([o.rule], false, io.cwd, project);
  if (!ref) throw new ClaimkitError('ERR_RULE_NOT_FOUND', `No Rule "${o.rule}".`);
  const out = o.out === undefined ? undefined : path.resolve(io.cwd, o.out);
  if (out && fs.existsSync(out) && !o.force) {
    throw new ClaimkitError('ERR_OUTPUT_EXISTS', `${out} already exists. Pass --force to replace it, or choose another --out.`);
  }
  if (out && !out.endsWith('.ts')) throw new ClaimkitError('ERR_USAGE', `--out ${o.out}: the Action is TypeScript; give a .ts file (actions/<name>.ts).`);
  const source = readRuleScript(ref.file);
  const migrated = migrateRule(source, { ruleName: ref.name, ruleFile: ref.file, root, ...(out ? { outFile: out } : {}) });
  // Checked where it will live: relative imports and the project's paths resolve from there.
  const check = typeCheckAction(migrated.code, out ?? path.join(root, 'actions', `${migrated.actionName}.ts`), root);
  const marked = markTypeErrors(migrated.code, check.errors);
  const m: Migration = { ...migrated, code: marked.code };
  const typeCheck: TypeCheck = { checked: check.checked, errors: marked.errors };
  if (out) writeAtomically(out, m.code);
  if (o.json) {
    io.stdout(`${JSON.stringify({ rule: { name: ref.name, file: ref.file }, action: { name: m.actionName, file: out ?? null, code: m.code }, todos: m.todos, typeErrors: typeCheck.checked ? typeCheck.errors : null, notes: m.notes, secrets: m.secrets, dependencies: m.dependencies, tenantYaml: m.tenantYaml }, null, 2)}\n`);
  } else if (out) {
    io.stdout(report(m, typeCheck, ref.file, out, io.cwd));
  } else {
    io.stdout(m.code);
    io.stderr(report(m, typeCheck, ref.file, undefined, io.cwd));
  }
  return EXIT.ok;
}
