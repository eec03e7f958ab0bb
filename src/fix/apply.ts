import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, GuardError } from '../errors.js';
import { git } from '../git/run.js';
import { writeAtomic as writeWhole } from './files.js';
import type { FixPlan } from './plan.js';

/**
 * Carries out a plan, the key's new home first: the credentials profile and secrets.auto.tfvars
 * are written before any file loses its key. Each file is replaced whole (never half-edited);
 * then exactly the files fix changed are staged. Returns the paths it staged, unstaged and put
 * back as last committed.
 */
export function applyFix(plan: FixPlan): { staged: string[]; unstaged: string[]; restored: string[] } {
  const { top } = plan;
  const at = (path: string) => join(top, path);
  const modeOf = (path: string, otherwise: number) => (existsSync(path) ? statSync(path).mode & 0o7777 : otherwise);
  // The order makes a stop safe: a key is saved in its new place before any file loses it.
  plan.profiles.write();
  // secrets: never readable by others, whatever mode a file there had
  for (const t of plan.autoTfvars) writeAtomic(at(t.path), t.after, modeOf(at(t.path), 0o600) & 0o600);
  if (plan.gitignore.add.length > 0) writeAtomic(at('.gitignore'), plan.gitignore.after, modeOf(at('.gitignore'), 0o644));

  const add: string[] = [];
  const addForced: string[] = [];
  const untrack: string[] = [];
  for (const fix of plan.files) {
    if (fix.kind === 'rewrite') {
      writeAtomic(at(fix.file), fix.after, modeOf(at(fix.file), 0o644));
      add.push(fix.file);
    } else if (fix.kind === 'untrack') {
      untrack.push(fix.file);
      if (fix.example) {
        try {
        writeFileSync(at(fix.example.path), fix.example.text, { flag: 'wx', mode: 0o644 }); // never over a file
      } catch (error) {
        throw stopped(fix.example.path, error);
      }
        addForced.push(fix.example.path); // a .env.* line in .gitignore must not keep the example out
      }
    }
  }
  if (plan.gitignore.add.length > 0 && plan.gitignore.stage) add.push('.gitignore');
  // -f for state only: its staged snapshot may differ from Terraform's copy on disk, which stays.
  // A committed file goes back to its committed version: taken out, the next commit would delete it.
  const committed = plan.files.flatMap((f) => (f.kind === 'untrack' && f.committed ? [f.file] : []));
  const state = plan.files.flatMap((f) => (f.kind === 'untrack' && !f.committed && f.fileKind === 'state' ? [f.file] : []));
  const others = untrack.filter((f) => !state.includes(f) && !committed.includes(f));
  if (committed.length > 0) git(['--literal-pathspecs', 'reset', '-q', 'HEAD', '--', ...committed], top);
  if (others.length > 0) git(['--literal-pathspecs', 'rm', '--cached', '-q', '--', ...others], top);
  if (state.length > 0) git(['--literal-pathspecs', 'rm', '--cached', '-q', '-f', '--', ...state], top);
  if (add.length > 0) git(['--literal-pathspecs', 'add', '--', ...add], top);
  if (addForced.length > 0) git(['--literal-pathspecs', 'add', '-f', '--', ...addForced], top);
  return { staged: [...add, ...addForced], unstaged: untrack.filter((f) => !committed.includes(f)), restored: committed };
}

function writeAtomic(path: string, content: string | Buffer, mode: number): void {
  try {
    writeWhole(path, content, mode);
  } catch (error) {
    throw stopped(path, error);
  }
}

function stopped(path: string, error: unknown): GuardError {
  return new GuardError(`${path} could not be written, so fix stopped there (every key is still in its file or already saved): check its permissions and run fix again.`, EXIT.error, { cause: error });
}
