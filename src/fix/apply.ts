import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git } from '../git.js';
import { writeAtomic } from './files.js';
import type { FixPlan } from './plan.js';

/**
 * Carries out a plan, the key's new home first: the credentials profile and secrets.auto.tfvars
 * are written before any file loses its key. Each file is replaced whole (never half-edited);
 * then exactly the files fix changed are staged. Returns the paths it staged and unstaged.
 */
export function applyFix(plan: FixPlan): { staged: string[]; unstaged: string[] } {
  const { top } = plan;
  const at = (path: string) => join(top, path);
  const modeOf = (path: string, otherwise: number) => (existsSync(path) ? statSync(path).mode & 0o7777 : otherwise);
  plan.profiles.write();
  for (const t of plan.autoTfvars) writeAtomic(at(t.path), t.after, modeOf(at(t.path), 0o600));
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
        writeFileSync(at(fix.example.path), fix.example.text, { flag: 'wx', mode: 0o644 }); // never over a file
        addForced.push(fix.example.path); // a .env.* line in .gitignore must not keep the example out
      }
    }
  }
  if (plan.gitignore.add.length > 0 && plan.gitignore.stage) add.push('.gitignore');
  // -f for state only: its staged snapshot may differ from Terraform's copy on disk, which stays.
  const state = plan.files.flatMap((f) => (f.kind === 'untrack' && f.fileKind === 'state' ? [f.file] : []));
  const others = untrack.filter((f) => !state.includes(f));
  if (others.length > 0) git(['--literal-pathspecs', 'rm', '--cached', '-q', '--', ...others], top);
  if (state.length > 0) git(['--literal-pathspecs', 'rm', '--cached', '-q', '-f', '--', ...state], top);
  if (add.length > 0) git(['--literal-pathspecs', 'add', '--', ...add], top);
  if (addForced.length > 0) git(['--literal-pathspecs', 'add', '-f', '--', ...addForced], top);
  return { staged: [...add, ...addForced], unstaged: untrack };
}
