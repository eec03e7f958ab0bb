import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { EXIT, GuardError } from './errors.js';
import { SERVER_HOOKS_ARGS } from './git/args.js';
import { gitMaybe } from './git/run.js';
import { PACKAGE_ROOT } from './hookplace.js';
import type { Messages } from './messages/index.js';
import { shellQuote } from './shell.js';

/**
 * `install --server` and `uninstall --server`: the pre-receive hook of a server's repository, which
 * runs the package's hooks/pre-receive by its absolute path (a server has no node_modules beside
 * the repository). Where the repository has a `pre-receive.d` folder (Gitea, Forgejo, GitLab's
 * hook folders), the hook goes into it as `aws-key-guard`, and the dispatcher there runs it; else
 * it is `hooks/pre-receive`, and a hook that was there runs first, kept beside it.
 */

/** The exact second line of the hook we write: how we recognise ours, and only ours. */
export const SERVER_HEADER = '# aws-key-guard server hook 1: written by `aws-key-guard install --server`; `aws-key-guard uninstall --server` removes it.';
/** Where a hook that was at hooks/pre-receive is kept; ours runs it first. */
export const SERVER_SAVED = 'pre-receive.before-aws-key-guard';

export interface ServerPlace {
  /** the file our hook is (to be) written to */
  file: string;
  /** true inside a pre-receive.d folder: the dispatcher runs every hook, so ours chains nothing */
  inFolder: boolean;
}

export interface ServerChange {
  action: 'create' | 'replace' | 'move' | 'remove' | 'restore' | 'none';
  file: string;
  /** the new content (create, replace), or the other path (move: to, restore: from) */
  detail: string;
}

/** Where our hook goes for `path`: a repository (bare or not, at its top) or a pre-receive.d folder. */
export function serverPlace(path: string): ServerPlace {
  const abs = resolve(path);
  if (basename(abs) === 'pre-receive.d') return { file: join(abs, 'aws-key-guard'), inFolder: true };
  const isDir = existsSync(abs) && statSync(abs).isDirectory();
  const [gitDir, hooks] = ((isDir && gitMaybe(SERVER_HOOKS_ARGS, abs)) || '').split('\n');
  const real = isDir ? realpathSync(abs) : abs;
  if (!isDir || gitDir === undefined || hooks === undefined || (gitDir !== real && gitDir !== join(real, '.git'))) {
    throw new GuardError(`${path} is not the top of a Git repository: give the server's repository (such as /srv/git/project.git), or a pre-receive.d folder.`);
  }
  const hooksDir = resolve(abs, hooks);
  const folder = join(hooksDir, 'pre-receive.d');
  if (existsSync(folder) && statSync(folder).isDirectory()) return { file: join(folder, 'aws-key-guard'), inFolder: true };
  return { file: join(hooksDir, 'pre-receive'), inFolder: false };
}

/**
 * The hook we write. The Node.js that ran `install --server` is added at the end of PATH, so a
 * server whose Git starts hooks with a short PATH still finds one. Git's input is read once and
 * handed, whole, to the previous hook and to ours.
 */
export function serverHook(place: ServerPlace, packageRoot: string, nodeDir: string): string {
  const hook = shellQuote(join(packageRoot, 'hooks', 'pre-receive'));
  const chain = place.inFolder
    ? [`exec sh ${hook}`]
    : [
        `prev="$(dirname "$0")/${SERVER_SAVED}"`,
        'input=$(cat)',
        `if [ -x "$prev" ]; then printf '%s\\n' "$input" | "$prev" "$@" || exit $?; fi`,
        `printf '%s\\n' "$input" | sh ${hook}`,
      ];
  return [
    '#!/bin/sh',
    SERVER_HEADER,
    '# It refuses a push whose new commits add an AWS key. Settings: git config awsKeyGuard.timeout',
    '# <seconds> (default 60) and awsKeyGuard.onTimeout refuse|allow (default refuse).',
    `PATH="$PATH:${nodeDir.replace(/["\\$`]/g, '\\$&')}"; export PATH`,
    `if [ ! -f ${hook} ]; then`,
    `  echo "aws-key-guard: the server's hook cannot run (${hook.replace(/["\\$`]/g, '\\$&')} is missing), so this push was not checked and is refused: tell the server's administrator." >&2`,
    '  exit 2',
    'fi',
    ...chain,
    '',
  ].join('\n');
}

const isOurs = (file: string) => existsSync(file) && readFileSync(file, 'utf8').split('\n')[1] === SERVER_HEADER;

export function planServerInstall(place: ServerPlace, content: string): ServerChange[] {
  const { file } = place;
  if (!existsSync(file)) return [{ action: 'create', file, detail: content }];
  if (readFileSync(file, 'utf8') === content) return [{ action: 'none', file, detail: '' }];
  if (isOurs(file)) return [{ action: 'replace', file, detail: content }];
  const saved = join(dirname(file), SERVER_SAVED);
  if (place.inFolder || existsSync(saved)) {
    throw new GuardError(
      place.inFolder
        ? `${file} exists and is not ours: rename it, then run install --server again.`
        : `${file} and ${saved} exist and neither is ours: merge them by hand, then run install --server again.`,
    );
  }
  return [
    { action: 'move', file, detail: saved },
    { action: 'create', file, detail: content },
  ];
}

export function planServerUninstall(place: ServerPlace): ServerChange[] {
  const { file } = place;
  if (!isOurs(file)) return [{ action: 'none', file, detail: '' }];
  const saved = join(dirname(file), SERVER_SAVED);
  return [{ action: 'remove', file, detail: '' }, ...(place.inFolder || !existsSync(saved) ? [] : [{ action: 'restore' as const, file, detail: saved }])];
}

export function applyServerChanges(changes: readonly ServerChange[]): void {
  for (const c of changes) {
    if (c.action === 'create' || c.action === 'replace') {
      mkdirSync(dirname(c.file), { recursive: true });
      writeFileSync(c.file, c.detail, { mode: 0o755 });
      chmodSync(c.file, statSync(c.file).mode | 0o755);
    } else if (c.action === 'move') renameSync(c.file, c.detail);
    else if (c.action === 'remove') unlinkSync(c.file);
    else if (c.action === 'restore') renameSync(c.detail, c.file);
  }
}

/** `aws-key-guard install --server [repo]` and `uninstall --server [repo]`. */
export function runServerInstall(command: 'install' | 'uninstall', path: string, dryRun: boolean, m: Messages): number {
  const place = serverPlace(path);
  if (command === 'install' && /[\\/]_npx[\\/]/.test(PACKAGE_ROOT)) {
    throw new GuardError(m.serverFromNpx(PACKAGE_ROOT), EXIT.error);
  }
  const changes = command === 'install' ? planServerInstall(place, serverHook(place, PACKAGE_ROOT, dirname(process.execPath))) : planServerUninstall(place);
  if (!dryRun) applyServerChanges(changes);
  for (const c of changes) process.stdout.write(`${m.serverChange[c.action](c.action === 'move' || c.action === 'restore' ? c.detail : c.file, c.file, dryRun)}\n`);
  if (command === 'install' && !dryRun && changes.some((c) => c.action !== 'none')) process.stdout.write(`${m.serverDone}\n`);
  return EXIT.ok;
}
