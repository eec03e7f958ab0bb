import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findTop } from '../config.js';
import { EXIT, GuardError } from '../errors.js';
import { gitMaybe } from '../git/run.js';
import type { Messages } from '../messages/index.js';

/** The entries a Terraform repository's .gitignore needs, in the order they are appended. */
export const NEEDED_ENTRIES = [
  '*.tfstate',
  '*.tfstate.*',
  '.terraform/',
  'crash.log',
  'crash.*.log',
  '*.tfplan',
  '.env',
  '.env.*',
  '!.env.example',
  '*.auto.tfvars',
  'node_modules/',
] as const;

/** Pure: which needed entries a .gitignore text lacks (exact lines, ignoring blanks and spaces). */
export function missingEntries(gitignore: string): string[] {
  const have = new Set(gitignore.split(/\r?\n/).map((l) => l.trim()));
  return NEEDED_ENTRIES.filter((e) => !have.has(e) && !have.has(`/${e}`) && !have.has(`**/${e}`));
}

/** `aws-key-guard gitignore [--write]`: report (and append) what .gitignore is missing; never removes. */
export function runGitignore({ cwd, write, m }: { cwd: string; write: boolean; m: Messages }): number {
  const top = findTop(cwd, process.env);
  if (top === undefined) throw new GuardError(m.install.notARepo);
  const file = join(top, '.gitignore');
  let text = '';
  try {
    text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  } catch (error) {
    throw new GuardError(m.errors.gitignoreUnreadable, EXIT.error, { cause: error });
  }
  // *.auto.tfvars only where used: an untracked one exists. A team may commit one on purpose.
  const autoTfvars = gitMaybe(['ls-files', '--others', '--exclude-standard', '--', ':(top,glob)**/*.auto.tfvars'], top);
  // node_modules/ where packages are used: aws-key-guard itself brings them into Terraform repositories.
  const packages = existsSync(join(top, 'package.json')) || existsSync(join(cwd, 'package.json'));
  const missing = missingEntries(text).filter((e) => (e !== '*.auto.tfvars' || (autoTfvars ?? '') !== '') && (e !== 'node_modules/' || packages));
  if (missing.length === 0) {
    process.stdout.write(`${m.gitignoreOk}\n`);
    return EXIT.ok;
  }
  const list = missing.map((e) => `  ${e.padEnd(16)} # ${m.gitignoreWhy[e] ?? ''}`);
  if (!write) {
    process.stdout.write(`${[m.gitignoreMissing(missing.length), ...list, m.gitignoreWriteHint].join('\n')}\n`);
    return EXIT.found;
  }
  // A blank line before our block, unless the file is new (or empty).
  const prefix = text === '' ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  appendFileSync(file, `${prefix}# Added by aws-key-guard: keep secrets and Terraform state out of Git\n${missing.join('\n')}\n`);
  process.stdout.write(`${m.gitignoreWritten(missing.length, '.gitignore')}\n${list.join('\n')}\n`);
  return EXIT.ok;
}
