import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { DiffFile } from './diff/patch.js';
import { EXIT, GuardError } from './errors.js';
import { checkAttrArgs, checkoutArgs } from './git/args.js';
import { git, gitMaybe } from './git/run.js';
import { redactText } from './redact.js';

/** A file whose checkout is not its blob, and how a checkout turns the one into the other. */
export interface Converted {
  file: DiffFile;
  /** Git LFS: the blob is a pointer to an object kept in the LFS store */
  lfs: boolean;
  /** the working-tree-encoding the index's attributes give it */
  encoding?: string;
}

/**
 * Files whose checkout is not their staged blob, so that reading the blob is not reading what
 * leaves the machine: a `working-tree-encoding` (Git stores the text re-encoded as UTF-8: bytes
 * written as ASCII but declared UTF-16 or EBCDIC are other characters there, and a checkout turns
 * them back), whatever its filter says, and Git LFS (the blob is a pointer; the content goes to
 * the LFS server on push). Other filters (git-crypt) store what leaves: their blob is the truth.
 * Asked of the index's attributes (what is committed), from the top; one Git call.
 */
export function convertedOnCheckout(files: readonly DiffFile[], top: string): Converted[] {
  // a state file is refused whole; a symbolic link or a submodule goes through no filter
  const candidates = files.filter((f) => f.kind !== 'state' && f.mode !== '120000' && f.mode !== '160000');
  const attributes = attributesOf([...new Set(candidates.map((f) => f.path))], top, true);
  return candidates.flatMap((file): Converted[] => {
    const a = attributes.get(file.path);
    const encoding = a?.get('working-tree-encoding');
    const lfs = a?.get('filter') === 'lfs';
    return lfs || isSet(encoding) ? [{ file, lfs, ...(isSet(encoding) ? { encoding } : {}) }] : [];
  });
}

const isSet = (value: string | undefined): value is string => value !== undefined && value !== 'unspecified' && value !== 'unset' && value !== 'set';

/** The attributes of paths from the top: the index's (`cached`) or the working tree's. */
function attributesOf(paths: string[], top: string, cached: boolean): Map<string, Map<string, string>> {
  const attributes = new Map<string, Map<string, string>>();
  if (paths.length === 0) return attributes;
  const args = checkAttrArgs(true).filter((a) => cached || a !== '--cached');
  // -z: names as they are, and each answer as path NUL attribute NUL value NUL
  const answers = git(args, top, `${paths.join('\0')}\0`).toString('utf8').split('\0');
  for (let i = 0; i + 2 < answers.length; i += 3) {
    const [path, name, value] = answers.slice(i, i + 3) as [string, string, string];
    attributes.set(path, (attributes.get(path) ?? new Map<string, string>()).set(name, value));
  }
  return attributes;
}

/**
 * A blob as a checkout of `path` writes it (one buffer, or both byte orders where the encoding
 * leaves the order open); empty for no blob (a new or deleted side).
 * - An LFS pointer's object is read from this clone's LFS store, never downloaded (a hook must
 *   not wait on the network): an object that is not here was not added here, and this push
 *   cannot upload it. A blob that is no pointer is read as it is (and through its encoding).
 * - UTF-16 and UTF-32 are encoded here, from the staged text; any other encoding by Git
 *   (cat-file --filters), which takes attributes from the working tree: where those do not give
 *   the same encoding as the index's, the scan stops with one line rather than guess.
 */
export function checkoutBytes(top: string, path: string, blob: string, c: Converted): Buffer[] {
  const staged = readBlob(top, blob);
  if (staged === undefined) return [];
  if (c.lfs) {
    const oid = staged.length < 1024 ? /^oid sha256:([0-9a-f]{64})$/m.exec(staged.toString('latin1'))?.[1] : undefined;
    if (oid !== undefined) {
      try {
        return [readFileSync(join(lfsStore(top), 'objects', oid.slice(0, 2), oid.slice(2, 4), oid))];
      } catch {
        return [];
      }
    }
  }
  if (c.encoding === undefined) return [];
  const wide = wideEncodings(staged.toString('utf8'), c.encoding);
  if (wide !== undefined) return wide;
  if (attributesOf([path], top, false).get(path)?.get('working-tree-encoding') !== c.encoding) {
    throw new GuardError(`${redactText(path)}: the staged .gitattributes gives it working-tree-encoding=${c.encoding}, the one in your working tree does not: stage .gitattributes as it is (or restore it), then try again.`, EXIT.error);
  }
  return [git(checkoutArgs(path, blob), top)];
}

/** UTF-16 and UTF-32 in the byte orders the encoding's name allows; undefined for any other. */
function wideEncodings(text: string, encoding: string): Buffer[] | undefined {
  const m = /^(?:UTF(16|32)|UCS(2|4))(LE|BE)?$/.exec(encoding.toUpperCase().replace(/[-_]/g, ''));
  if (m === null) return undefined;
  const sixteen = m[1] === '16' || m[2] === '2';
  let le: Buffer;
  if (sixteen) le = Buffer.from(text, 'utf16le');
  else {
    const codes = Array.from(text, (ch) => ch.codePointAt(0) as number);
    le = Buffer.alloc(codes.length * 4);
    codes.forEach((code, k) => le.writeUInt32LE(code, k * 4));
  }
  const be = () => (sixteen ? Buffer.from(le).swap16() : Buffer.from(le).swap32());
  return m[3] === 'LE' ? [le] : m[3] === 'BE' ? [be()] : [le, be()];
}

/** A blob by name; undefined for no blob (the missing side of an added or deleted file). */
export function readBlob(cwd: string, blob: string): Buffer | undefined {
  if (!/^[0-9a-f]{40,64}$/.test(blob) || /^0+$/.test(blob)) return undefined;
  return git(['cat-file', 'blob', blob], cwd);
}

/** Git LFS's object store: `lfs.storage` (relative to Git's common folder), else `<common>/lfs`. */
function lfsStore(top: string): string {
  const common = resolve(top, git(['rev-parse', '--git-common-dir'], top).toString('utf8').trim());
  const storage = gitMaybe(['config', 'lfs.storage'], top);
  if (storage === undefined || storage === '') return join(common, 'lfs');
  return isAbsolute(storage) ? storage : join(common, storage);
}
