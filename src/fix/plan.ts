import { existsSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import type { Finding } from '../finding.js';
import { ProfilePlan } from './credentials.js';
import { exampleName, exampleText } from './dotenv.js';
import { isChildModule, isCommitted, isTracked, linesOf, readText, sameAsIndex, stagedBlob, valueAt, workingCopy } from './staged-file.js';
import { rewriteTerraform, type KeyAt, type Moved, type Refusal } from './terraform.js';

/**
 * What fix will do, decided before anything is written: for each file with findings, a rewrite,
 * taking it out of the index, or leaving it alone (with the line and the reason).
 */

export type LeaveReason = Refusal | 'partial' | 'unknownKind' | 'json' | 'exampleFile' | 'encoding' | 'conflict' | 'childModule';

export type FileFix =
  | {
      kind: 'rewrite';
      file: string;
      before: Buffer;
      after: Buffer;
      moved: Moved[];
      profiles: { profile: string; line: number }[];
      /** when values moved (.tfvars, Terragrunt inputs, variable defaults): the file that holds them now */
      keptIn?: string;
    }
  /** out of the index; `committed`: the last commit has it, so its committed version goes back instead */
  | { kind: 'untrack'; file: string; fileKind: 'dotenv' | 'state' | 'aws-config'; committed: boolean; example?: { path: string; text: string } }
  | { kind: 'leave'; file: string; line: number; why: LeaveReason };

export interface FixPlan {
  top: string;
  files: FileFix[];
  profiles: ProfilePlan;
  /** untracked *.auto.tfvars files that receive the moved assignments */
  autoTfvars: { path: string; before: string; after: string }[];
  gitignore: { before: string; add: string[]; after: string; stage: boolean };
  /** every raw value fix read, with its rule: for redacting what it shows */
  values: { value: string; rule: string }[];
}

/** The untracked file beside a rewritten file that keeps the values moved out of it. */
export const SECRETS_TFVARS = 'secrets.auto.tfvars';

export function planFix(top: string, findings: readonly Finding[], env: NodeJS.ProcessEnv): FixPlan {
  const plan: FixPlan = {
    top,
    files: [],
    profiles: ProfilePlan.load(env),
    autoTfvars: [],
    gitignore: { before: readText(join(top, '.gitignore')), add: [], after: '', stage: true },
    values: [],
  };
  const ignore = new Set<string>();
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);

  for (const [file, found] of byFile) {
    const fix = planFile(plan, file, found);
    plan.files.push(fix);
    if (fix.kind === 'untrack') {
      if (fix.fileKind === 'state') ['*.tfstate', '*.tfstate.*', '.terraform/'].forEach((l) => ignore.add(l));
      else if (fix.fileKind === 'dotenv') ignore.add(basename(file));
      else ignore.add(`/${file}`);
    }
    if (fix.kind === 'rewrite' && fix.keptIn !== undefined) ignore.add(SECRETS_TFVARS);
  }
  const have = new Set(plan.gitignore.before.split(/\r?\n/).map((l) => l.trim()));
  plan.gitignore.add = [...ignore].filter((l) => !have.has(l) && !have.has(`/${l}`) && !have.has(`**/${l}`));
  plan.gitignore.stage = sameAsIndex(top, '.gitignore') !== false;
  const { before, add } = plan.gitignore;
  const eol = before.includes('\r\n') ? '\r\n' : '\n';
  const lead = before.length > 0 && !before.endsWith('\n') ? eol : '';
  const header = '# Added by aws-key-guard fix: keep secrets and state out of Git';
  const lines = have.has(header) ? add : [header, ...add]; // one header, however many runs
  plan.gitignore.after = add.length === 0 ? before : `${before}${lead}${lines.join(eol)}${eol}`;
  return plan;
}

function planFile(plan: FixPlan, file: string, found: Finding[]): FileFix {
  const first = Math.min(...found.map((f) => f.line));
  const leave = (why: LeaveReason, line = first): FileFix => ({ kind: 'leave', file, line, why });
  const kind = (found[0] as Finding).fileKind;
  if (kind === 'dotenv') {
    if (/\.(?:example|sample|template|dist)$/i.test(file)) return leave('exampleFile');
    if (sameAsIndex(plan.top, file, stagedBlob(plan.top, file)) !== true) return leave('partial');
    const blob = (workingCopy(plan.top, file) as Buffer).toString('utf8');
    const lines = linesOf(blob);
    for (const f of found) {
      const value = valueAt(lines[f.line - 1], f);
      if (value !== undefined) plan.values.push({ value, rule: f.rule });
    }
    const path = posix.join(posix.dirname(file), exampleName(basename(file)));
    const taken = existsSync(join(plan.top, path)) || isTracked(plan.top, path);
    return { kind: 'untrack', file, fileKind: kind, committed: isCommitted(plan.top, file), ...(taken ? {} : { example: { path, text: exampleText(blob) } }) };
  }
  if (kind === 'aws-config' && sameAsIndex(plan.top, file) !== true) return leave('partial');
  // A state file's copy on disk is Terraform's own: the staged snapshot of it may go.
  if (kind === 'state' || kind === 'aws-config') return { kind: 'untrack', file, fileKind: kind, committed: isCommitted(plan.top, file) };
  if (kind !== 'terraform' && kind !== 'tfvars' && kind !== 'terragrunt') return leave('unknownKind');
  if (/\.json$/i.test(file)) return leave('json');

  // The copy on disk is rewritten (its own line endings kept), once it is known to be what is staged.
  if (sameAsIndex(plan.top, file, stagedBlob(plan.top, file)) !== true) return leave('partial');
  const before = workingCopy(plan.top, file) as Buffer;
  const decoded = before.toString('utf8');
  if (before.includes(0) || !Buffer.from(decoded, 'utf8').equals(before)) return leave('encoding');
  const bom = decoded.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = decoded.slice(bom.length);
  const lines = linesOf(text);

  const keys: KeyAt[] = [];
  for (const f of found) {
    const value = valueAt(lines[f.line - 1], f);
    if (value === undefined) return leave('notAssignment', f.line);
    keys.push({ line: f.line, column: f.column, rule: f.rule, value });
    plan.values.push({ value, rule: f.rule });
  }
  const mark = plan.profiles.mark();
  const rewrite = rewriteTerraform(text, keys, kind, (pair) => plan.profiles.profileFor(pair));
  if (!rewrite.ok) {
    plan.profiles.undo(mark);
    return leave(rewrite.why, rewrite.line);
  }
  const fix: FileFix = {
    kind: 'rewrite',
    file,
    before,
    after: Buffer.from(bom + rewrite.text, 'utf8'),
    moved: rewrite.moved,
    profiles: rewrite.profiles.map(({ profile, line }) => ({ profile, line })),
  };
  if (rewrite.moved.length === 0) return fix;

  // Values of a .tfvars, of Terragrunt inputs or of a variable's default go into an untracked
  // secrets.auto.tfvars beside the file, which Terraform loads in that folder.
  // A child module's variable takes no .auto.tfvars: its value comes from the module block.
  if (kind === 'terraform' && isChildModule(plan.top, posix.dirname(file))) {
    plan.profiles.undo(mark);
    return leave('childModule', rewrite.moved[0]?.line ?? first);
  }
  const keptIn = posix.join(posix.dirname(file), SECRETS_TFVARS);
  if (keptIn === file || isTracked(plan.top, keptIn)) return leave('conflict');
  const existing = plan.autoTfvars.find((a) => a.path === keptIn);
  const current = existing?.after ?? readText(join(plan.top, keptIn));
  if (rewrite.moved.some((r) => new RegExp(`^[ \\t]*${r.name}[ \\t]*=`, 'm').test(current))) return leave('conflict');
  const eol = current.includes('\r\n') ? '\r\n' : '\n';
  const lead = current.length > 0 && !current.endsWith('\n') ? eol : '';
  const after = current + lead + rewrite.moved.map((r) => `${r.name} = "${r.value}"${eol}`).join('');
  if (existing) existing.after = after;
  else plan.autoTfvars.push({ path: keptIn, before: current, after });
  return { ...fix, keptIn };
}
