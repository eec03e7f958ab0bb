import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { DiffFile } from './diff/patch.js';
import { checkAttrArgs, checkoutArgs } from './git/args.js';
import { git, gitMaybe } from './git/run.js';

/** A file whose checkout is not its blob, and how it is turned into what the checkout writes. */
export interface Converted {
  file: DiffFile;
  /** Git LFS: the blob is a pointer to an object kept in the LFS store */
  lfs: boolean;
}

/**
 * Files whose checkout is not their staged blob, so that reading the blob is not reading what
 * leaves the machine: a `working-tree-encoding` (Git stores the text re-encoded as UTF-8: bytes
 * written as ASCII but declared UTF-16 or EBCDIC are other characters there, and a checkout turns
 * them back), and Git LFS (the blob is a pointer; the content goes to the LFS server on push).
 * Other filters (git-crypt) store what leaves: their blob is the truth. One Git call.
 */
export function convertedOnCheckout(files: readonly DiffFile[], cwd: string): Converted[] {
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
  return candidates.flatMap((file): Converted[] => {
    const a = attributes.get(file.path);
    const filter = a?.get('filter');
    if (filter === 'lfs') return [{ file, lfs: true }];
    return !isSet(filter) && isSet(a?.get('working-tree-encoding')) ? [{ file, lfs: false }] : [];
  });
}

/**
 * A blob as a checkout of `path` writes it; undefined for no blob (a new or deleted side). A
 * working-tree-encoding is applied by Git (cat-file --filters). An LFS pointer's object is read
 * from this clone's LFS store, never downloaded (a hook must not wait on the network): an object
 * that is not here was not added here, and this push cannot upload it. A blob that is no pointer
 * (LFS not installed when it was added) is the content itself, which the diff has read.
 */
export function checkoutBytes(cwd: string, path: string, blob: string, lfs: boolean): Buffer | undefined {
  if (!/^[0-9a-f]{40,64}$/.test(blob) || /^0+$/.test(blob)) return undefined;
  if (!lfs) return git(checkoutArgs(path, blob), cwd);
  const pointer = git(['cat-file', 'blob', blob], cwd);
  const oid = pointer.length < 1024 ? /^oid sha256:([0-9a-f]{64})$/m.exec(pointer.toString('latin1'))?.[1] : undefined;
  if (oid === undefined) return undefined;
  try {
    return readFileSync(join(lfsStore(cwd), 'objects', oid.slice(0, 2), oid.slice(2, 4), oid));
  } catch {
    return undefined;
  }
}

/** Git LFS's object store: `lfs.storage` (relative to Git's common folder), else `<common>/lfs`. */
function lfsStore(cwd: string): string {
  const common = resolve(cwd, git(['rev-parse', '--git-common-dir'], cwd).toString('utf8').trim());
  const storage = gitMaybe(['config', 'lfs.storage'], cwd);
  if (storage === undefined || storage === '') return join(common, 'lfs');
  return isAbsolute(storage) ? storage : join(common, storage);
}
