import type { DiffFile } from './diff/patch.js';
import { checkAttrArgs, checkoutArgs } from './git/args.js';
import { git } from './git/run.js';

/**
 * Files whose checkout is not their staged blob, so that reading the blob is not reading what
 * leaves the machine: a `working-tree-encoding` (Git stores the text re-encoded as UTF-8: bytes
 * written as ASCII but declared UTF-16 or EBCDIC are other characters there, and a checkout turns
 * them back), and Git LFS (the blob is a pointer; the content goes to the LFS server on push).
 * Other filters (git-crypt) store what leaves: their blob is the truth. One Git call.
 */
export function convertedOnCheckout(files: readonly DiffFile[], cwd: string): DiffFile[] {
  // a state file is refused whole; a symbolic link or a submodule goes through no filter
  const candidates = files.filter((f) => f.kind !== 'state' && f.mode !== '120000' && f.mode !== '160000');
  const paths = [...new Set(candidates.map((f) => f.path))];
  if (paths.length === 0) return [];
  // -z: names as they are, and each answer as path NUL attribute NUL value NUL
  const answers = git(checkAttrArgs(true), cwd, `${paths.join('\0')}\0`).toString('utf8').split('\0');
  const attributes = new Map<string, Map<string, string>>();
  for (let i = 0; i + 2 < answers.length; i += 3) {
    const [path, name, value] = answers.slice(i, i + 3) as [string, string, string];
    attributes.set(path, (attributes.get(path) ?? new Map<string, string>()).set(name, value));
  }
  const isSet = (value: string | undefined) => value !== undefined && value !== 'unspecified' && value !== 'unset';
  return candidates.filter((f) => {
    const a = attributes.get(f.path);
    const filter = a?.get('filter');
    return filter === 'lfs' || (!isSet(filter) && isSet(a?.get('working-tree-encoding')));
  });
}

/** A blob as a checkout of `path` writes it; undefined for no blob (a new or deleted side). */
export function checkoutBytes(cwd: string, path: string, blob: string): Buffer | undefined {
  if (!/^[0-9a-f]{40,64}$/.test(blob) || /^0+$/.test(blob)) return undefined;
  return git(checkoutArgs(path, blob), cwd);
}
