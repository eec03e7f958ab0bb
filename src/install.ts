import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXIT, GuardError } from './errors.js';
import { hookManager, hooksOutside, type HookPlace } from './hookplace.js';
import { fileWasEmpty, findOurLine, huskyLine, plainHook, plainHookOwner, SAVED_SUFFIX, withOurLine, withoutOurLine, type HookName } from './hooktext.js';
import { en, type Messages } from './messages/en.js';

export { MARKER, SAVED_SUFFIX, type HookName } from './hooktext.js';

/** Path of the package's own script for a hook, from the repository top. */
export function shimPath(pkg: string, hook: HookName): string {
  return [pkg, 'hooks', hook].filter((p) => p !== '').join('/');
}

/**
 * One change to one file. `content` is the file's whole new text (create, insert, update, and
 * remove of a line: undefined there means the file goes, as it held only our line); `to` is
 * where move and restore put it.
 */
export interface Change {
  action: 'create' | 'insert' | 'update' | 'move' | 'remove' | 'restore' | 'keep' | 'none';
  file: string;
  /** a line in a husky hook file, or a whole hook file of our own */
  kind: 'line' | 'file';
  content?: string;
  /** where a file moves (move, restore); for keep, the hook kept from before install, still aside */
  to?: string;
  /** why nothing is done (none, keep) */
  why?: 'installed' | 'not-installed' | 'edited';
}

/** Adds our hooks idempotently; never overwrites or writes through anything that is not ours. */
export function planInstall(place: HookPlace, pkg: string, hooks: readonly HookName[] = ['pre-commit'], m: Messages = en): Change[] {
  return hooks.flatMap((hook) => (place.husky ? planHusky(place, shimPath(pkg, hook), hook, m) : planPlain(place, shimPath(pkg, hook), hook, m)));
}

function planHusky(place: HookPlace, shim: string, hook: HookName, m: Messages): Change[] {
  const file = join(place.top, place.huskyDir, hook);
  const line = huskyLine(shim, hook);
  const kind = 'line';
  const stat = lstatOrUndefined(file);
  if (stat === undefined) return [{ action: 'create', file, kind, content: `${line}\n` }];
  if (!stat.isFile()) throw new GuardError(m.install.notAFile(file), EXIT.found);
  const text = readFileSync(file, 'utf8');
  // husky 5–8 let Git run the file itself: our line needs a shell there.
  const shebang = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(text);
  const program = shebang && (/(?:^|\/)env$/.test(shebang[1] as string) ? shebang[2] : shebang[1])?.split('/').pop();
  if (shebang && !/^(?:sh|bash|dash|zsh|ksh|ash)$/.test(program ?? '')) throw new GuardError(m.install.notShell(file, shebang[0]), EXIT.found);
  // an empty file that was there is marked so, to be left there by uninstall; one we created is not
  const wanted = withOurLine(withoutOurLine(text), line, findOurLine(text) === undefined || fileWasEmpty(text));
  if (wanted === text) return [{ action: 'none', file, kind, why: 'installed' }];
  return [{ action: findOurLine(text) === undefined ? 'insert' : 'update', file, kind, content: wanted }];
}

function planPlain(place: HookPlace, shim: string, hook: HookName, m: Messages): Change[] {
  if (hooksOutside(place)) throw new GuardError(m.install.outside(place), EXIT.found);
  // lefthook and simple-git-hooks rewrite the hook files they own: ours would be dropped unseen.
  const manager = hookManager(place.top);
  if (manager !== undefined) throw new GuardError(m.install.managedBy(manager.tool, manager.config), EXIT.found);
  if (existsSync(place.hooksDir) && !statSync(place.hooksDir).isDirectory()) throw new GuardError(m.install.notAFolder(place.hooksDir), EXIT.error);
  const file = join(place.hooksDir, hook);
  const content = plainHook(shim, hook);
  const kind = 'file';
  const stat = lstatOrUndefined(file);
  if (stat === undefined) return [{ action: 'create', file, kind, content }];
  if (stat.isSymbolicLink() && !existsSync(file)) throw new GuardError(m.install.danglingLink(file), EXIT.found);
  const text = readFileSync(file, 'utf8');
  const owner = plainHookOwner(text);
  if (owner === 'edited') throw new GuardError(m.install.editedHook(file), EXIT.found);
  if (owner === 'ours' && stat.isSymbolicLink()) throw new GuardError(m.install.notAFile(file), EXIT.found);
  // ours, from this version or an older one (another package path, other wording): brought up to date
  if (owner === 'ours') return [text === content ? { action: 'none', file, kind, why: 'installed' } : { action: 'update', file, kind, content }];
  const saved = file + SAVED_SUFFIX;
  if (lstatOrUndefined(saved) !== undefined) throw new GuardError(m.install.bothExist(file, saved), EXIT.found);
  return [
    { action: 'move', file, kind, to: saved },
    { action: 'create', file, kind, content },
  ];
}

/** Removes exactly what install added (for every hook), puts back what it moved aside, and keeps edits. */
export function planUninstall(place: HookPlace): Change[] {
  const changes: Change[] = [];
  for (const hook of ['pre-commit', 'pre-push'] as const) {
    const husky = join(place.top, place.huskyDir, hook);
    if (lstatOrUndefined(husky)?.isFile()) {
      const text = readFileSync(husky, 'utf8');
      if (findOurLine(text) !== undefined) {
        const rest = withoutOurLine(text);
        // emptied: deleted if install created it; left, empty, if it was there (a tracked file)
        changes.push({ action: 'remove', file: husky, kind: 'line', ...(rest === '' && !fileWasEmpty(text) ? {} : { content: rest }) });
      }
    }
    const file = join(place.hooksDir, hook);
    if (!lstatOrUndefined(file)?.isFile()) continue;
    const owner = plainHookOwner(readFileSync(file, 'utf8'));
    if (owner === 'edited') {
      const saved = lstatOrUndefined(file + SAVED_SUFFIX) === undefined ? {} : { to: file + SAVED_SUFFIX };
      changes.push({ action: 'keep', file, kind: 'file', why: 'edited', ...saved });
    }
    if (owner !== 'ours') continue;
    changes.push({ action: 'remove', file, kind: 'file' });
    if (lstatOrUndefined(file + SAVED_SUFFIX) !== undefined) changes.push({ action: 'restore', file: file + SAVED_SUFFIX, kind: 'file', to: file });
  }
  return changes.length > 0 ? changes : [{ action: 'none', file: join(place.hooksDir, 'pre-commit'), kind: 'file', why: 'not-installed' }];
}

export function applyChanges(changes: readonly Change[]): void {
  for (const c of changes) {
    switch (c.action) {
      case 'create':
        mkdirSync(dirname(c.file), { recursive: true });
        // 'wx': never through a link or over a file that appeared since the plan
        writeFileSync(c.file, c.content ?? '', { mode: 0o755, flag: 'wx' });
        chmodSync(c.file, statSync(c.file).mode | 0o755);
        break;
      case 'insert':
      case 'update':
        writeFileSync(c.file, c.content ?? '');
        if (c.kind === 'file') chmodSync(c.file, statSync(c.file).mode | 0o755);
        break;
      case 'remove':
        if (c.content === undefined) unlinkSync(c.file);
        else writeFileSync(c.file, c.content);
        break;
      case 'move':
      case 'restore':
        renameSync(c.file, c.to as string);
        break;
      case 'keep':
      case 'none':
        break;
    }
  }
}

function lstatOrUndefined(file: string) {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}
