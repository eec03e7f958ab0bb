import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Finding } from '../finding.js';
import { git, gitMaybe } from '../git/run.js';
import { RULES } from '../rules.js';

/** A staged file as fix reads it: its bytes in the index, and whether the copy on disk is the same. */

export function stagedBlob(top: string, file: string): Buffer {
  return git(['cat-file', 'blob', `:${file}`], top);
}

/** Whether the last commit has the file: taking it out of the index would delete it for everyone. */
export function isCommitted(top: string, path: string): boolean {
  return gitMaybe(['--literal-pathspecs', 'cat-file', '-e', `HEAD:${path}`], top) !== undefined;
}

export function isTracked(top: string, path: string): boolean {
  return gitMaybe(['--literal-pathspecs', 'ls-files', '--error-unmatch', '--', path], top) !== undefined;
}

/**
 * Whether a folder holds a child module, whose variables only a `module` block sets (Terraform
 * loads *.auto.tfvars and TF_VAR_ in the root module only): a folder under a `modules` folder, or
 * one that a Terraform file of the repository calls as a local `source = "./…"`.
 */
export function isChildModule(top: string, dir: string): boolean {
  if (dir.split('/').some((part) => /^modules?$/i.test(part))) return true;
  const files = git(['ls-files', '-z', '--', ':(glob,icase)**/*.tf'], top).toString('utf8').split('\0').filter((f) => f !== '');
  return files.some((file) => {
    const from = posix.dirname(file);
    if (from === dir) return false;
    for (const m of readText(join(top, file)).matchAll(/\bsource\s*=\s*"(\.{1,2}\/[^"]*)"/g)) {
      if (posix.normalize(posix.join(from, m[1] as string)).replace(/\/$/, '') === dir) return true;
    }
    return false;
  });
}

/**
 * Whether the working copy is what is staged: true, false (partly staged, or gone), or undefined
 * for a file that is not in the index at all. Bytes that differ only by Git's own conversions
 * (core.autocrlf, .gitattributes eol) count as the same: `git add` would stage the same blob.
 */
export function sameAsIndex(top: string, file: string, staged?: Buffer): boolean | undefined {
  const blob = staged ?? (isTracked(top, file) ? stagedBlob(top, file) : undefined);
  if (blob === undefined) return undefined;
  const disk = workingCopy(top, file);
  if (disk === undefined) return false;
  if (disk.equals(blob)) return true;
  const added = gitMaybe(['hash-object', `--path=${file}`, '--', file], top);
  return added !== undefined && added === gitMaybe(['rev-parse', `:${file}`], top);
}

/** The file's bytes on disk, which fix rewrites (they may differ from the index in line endings only). */
export function workingCopy(top: string, file: string): Buffer | undefined {
  try {
    return readFileSync(join(top, file));
  } catch {
    return undefined;
  }
}

/**
 * The raw value of a finding, found again by its rule at its line and column (the Finding type
 * deliberately has no field for it). It is used to move the key, and never printed.
 */
export function valueAt(line: string | undefined, f: Finding): string | undefined {
  const rule = RULES.find((r) => r.id === f.rule);
  if (line === undefined || rule === undefined) return undefined;
  rule.pattern.lastIndex = 0;
  for (const m of line.matchAll(rule.pattern)) {
    if (m.index + m[0].indexOf(m[1] as string) === f.column - 1) return m[1];
  }
  return undefined;
}

/** The lines of a staged text as the scanner numbers them (a UTF-8 byte-order mark is not a column). */
export function linesOf(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}

export function readText(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}
