import { accessSync, constants, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import pc from 'picocolors';
import { EXIT, GuardError } from '../errors.js';
import { findHookPlace, isForeignHooksPath, type HookPlace } from '../hookplace.js';
import { applyChanges, planInstall, planUninstall, type Change } from '../install.js';
import type { Messages } from '../messages/index.js';
import { runServerInstall } from '../server.js';

export interface InstallCommand {
  cwd: string;
  dryRun: boolean;
  /** `install --prepare`, for an npm "prepare" script: skip quietly where a hook makes no sense. */
  prepare: boolean;
  /** `install --pre-push`: the pre-push hook too */
  prePush: boolean;
  env: NodeJS.ProcessEnv;
  /** `--server [repo]`: the pre-receive hook of a server's repository instead (src/server.ts) */
  server?: { path?: string | undefined; m: Messages };
}

/** `aws-key-guard install | uninstall [--dry-run] [--prepare]` */
export function runInstall(command: 'install' | 'uninstall', options: InstallCommand): number {
  if (options.server !== undefined) {
    if (options.prepare || options.prePush) throw new GuardError('--server goes alone: not with --prepare or --pre-push.');
    return runServerInstall(command, options.server.path ?? options.cwd, options.dryRun, options.server.m);
  }
  const say = (s: string) => process.stdout.write(`${s}\n`);
  if (options.prepare) {
    const why = prepareSkipReason(options);
    if (why !== undefined) {
      say(`aws-key-guard: hook not installed: ${why}.`);
      return EXIT.ok;
    }
  }
  let place: HookPlace;
  let changes: Change[];
  try {
    place = findHookPlace(options.cwd);
    changes = command === 'install' ? planInstall(place, options.prePush ? ['pre-commit', 'pre-push'] : ['pre-commit']) : planUninstall(place);
    if (!options.dryRun) applyChanges(changes);
  } catch (error) {
    if (options.prepare && error instanceof GuardError) {
      say(`aws-key-guard: hook not installed: ${error.message}`);
      return EXIT.ok;
    }
    throw error;
  }
  const rel = (f: string) => relative(options.cwd, f) || f;
  for (const c of changes) say(describe(c, rel, options.dryRun));
  if (command === 'install') for (const w of warnings(place)) process.stderr.write(`${pc.yellow('aws-key-guard: warning:')} ${w}\n`);
  if (command === 'install' && !options.dryRun && changes.some((c) => c.action !== 'none')) {
    say('Done: a commit that stages an AWS key is now refused. Check it any time with `npx aws-key-guard doctor`.');
    if (options.prePush) say('A push whose new commits add an AWS key is refused too (the pre-push hook).');
  }
  return EXIT.ok;
}

function describe(c: Change, rel: (f: string) => string, dryRun: boolean): string {
  const would = dryRun ? 'would ' : '';
  switch (c.action) {
    case 'create':
      return `aws-key-guard: ${would}create ${rel(c.file)}`;
    case 'append':
      return `aws-key-guard: ${would}add one line to ${rel(c.file)} (every other line stays as it is)`;
    case 'replace':
      return `aws-key-guard: ${would}update our hook in ${rel(c.file)}`;
    case 'move':
      return `aws-key-guard: ${would}keep your existing hook as ${rel(c.detail)}; it still runs first`;
    case 'remove':
      return `aws-key-guard: ${would}remove ${c.detail} from ${rel(c.file)}`;
    case 'restore':
      return `aws-key-guard: ${would}put your previous hook back at ${rel(c.file)}`;
    case 'none':
      return `aws-key-guard: ${c.detail} (${rel(c.file)}): nothing to do`;
  }
}

/** Why an npm "prepare" script should not install a hook here, if it should not. */
function prepareSkipReason({ cwd, env }: InstallCommand): string | undefined {
  if (env.AWS_KEY_GUARD === '0') return 'AWS_KEY_GUARD=0 is set';
  if (cwd.split(/[\\/]/).includes('node_modules')) return 'this package was installed as a dependency of another package';
  return undefined;
}

/** Situations in which an installed hook silently never runs. */
export function warnings(place: HookPlace): string[] {
  const out: string[] = [];
  if (place.hooksPath !== undefined && isForeignHooksPath(place)) {
    out.push(
      `core.hooksPath is set to "${place.hooksPath.value}" by ${place.hooksPath.origin.replace(/^file:/, '')}, outside this repository, so Git runs hooks from there. ` +
        'To use this repository\'s hooks, run `git config core.hooksPath "$(git rev-parse --git-common-dir)/hooks"` here, or add aws-key-guard to that folder\'s pre-commit.',
    );
  }
  if (place.husky) {
    const hooksPath = place.hooksPath?.value ?? '';
    if (!/\.husky/.test(hooksPath)) {
      out.push('husky is not set up in this clone yet (core.hooksPath does not point into .husky), so .husky/pre-commit does not run: run `npx husky` (or `npm install` if your "prepare" script runs husky).');
    } else if (!existsSync(join(place.top, '.husky', '_', 'pre-commit'))) {
      out.push('husky\'s .husky/_/ folder is missing: run `npx husky` to create it.');
    }
  } else {
    const hook = join(place.hooksDir, 'pre-commit');
    if (existsSync(hook) && !isExecutable(hook)) {
      out.push(`${hook} is not executable, so Git skips it: run \`chmod +x "${hook}"\`.`);
    }
  }
  return out;
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
