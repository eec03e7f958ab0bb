import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import pc from 'picocolors';
import { EXIT, GuardError } from '../errors.js';
import { skipRequested } from '../config.js';
import { gitRun } from '../git/run.js';
import { findHookPlace, findPackage, huskyState, packageJson, type HookPlace } from '../hookplace.js';
import { applyChanges, planInstall, planUninstall, type Change } from '../install.js';
import { en, type Messages } from '../messages/en.js';
import { diagnose } from './doctor.js';
import { runServerInstall } from '../server.js';

export interface InstallCommand {
  cwd: string;
  dryRun: boolean;
  /** `install --prepare`, for an npm "prepare" script: skip quietly where a hook makes no sense. */
  prepare: boolean;
  /** `install --pre-push`: the pre-push hook too */
  prePush: boolean;
  env: NodeJS.ProcessEnv;
  m?: Messages;
  /** `--server [repo]`: the pre-receive hook of a server's repository instead (src/server.ts) */
  server?: { path?: string | undefined; m: Messages };
}

/**
 * `aws-key-guard install | uninstall [--dry-run] [--prepare]`. Install says "Done" only after
 * the doctor's proof: this clone's own hook chain refused a fresh fake key.
 */
export function runInstall(command: 'install' | 'uninstall', options: InstallCommand): number {
  if (options.server !== undefined) {
    if (options.prepare || options.prePush) throw new GuardError('--server goes alone: not with --prepare or --pre-push.');
    return runServerInstall(command, options.server.path ?? options.cwd, options.dryRun, options.server.m);
  }
  const m = options.m ?? en;
  const say = (s: string) => process.stdout.write(`${s}\n`);
  const warn = (s: string) => process.stderr.write(`${pc.yellow('aws-key-guard:')} ${s}\n`);
  if (options.prepare) {
    const why = prepareSkipReason(options, m);
    if (why !== undefined) {
      say(m.install.notInstalledBecause(why));
      return EXIT.ok;
    }
  }
  let place: HookPlace;
  let changes: Change[];
  let pkg = ''; // the package's folder from the top (install)
  try {
    place = findHookPlace(options.cwd, m);
    if (command === 'install') pkg = findPackage(place.top, options.cwd, m);
    changes = command === 'install' ? planInstall(place, pkg, options.prePush ? ['pre-commit', 'pre-push'] : ['pre-commit'], m) : planUninstall(place);
    if (!options.dryRun) applyChanges(changes);
  } catch (error) {
    if (options.prepare && error instanceof GuardError) {
      say(m.install.notInstalledBecause(error.message));
      return EXIT.ok;
    }
    throw error;
  }
  const rel = (f: string) => relative(options.cwd, f) || f;
  for (const c of changes) say(`aws-key-guard: ${m.install.change(c, rel, options.dryRun)}`);
  if (command === 'uninstall') {
    if (!options.dryRun) unsetOurHooksPath(place.top, say, m);
    return changes.some((c) => c.action === 'keep') ? EXIT.found : EXIT.ok;
  }
  if (options.dryRun) return EXIT.ok;

  if (place.husky) {
    const state = huskyState(place);
    // husky's own files are here but this clone does not use them (installed with --ignore-scripts).
    if (!state.ready && state.setUp !== undefined && gitRun(['config', 'core.hooksPath', state.setUp], place.top, process.env).status === 0) {
      // remembered, so that uninstall takes back exactly this setting and nothing it did not make
      gitRun(['config', SET_HOOKS_PATH, state.setUp], place.top, process.env);
      say(`aws-key-guard: ${m.install.huskySetUp(state.setUp)}`);
      place = findHookPlace(options.cwd, m);
    }
  }
  if (options.prepare) {
    // In npm's "prepare" no user hook is run: only what the files say is checked.
    const state = place.husky ? huskyState(place) : { ready: true as const };
    if (!state.ready) warn(m.install.huskyNotSetUp(state.setUp));
    return EXIT.ok;
  }
  const d = diagnose(place, options.cwd, m);
  if (!d.ok) {
    for (const l of d.lines) process.stderr.write(`${l}\n`);
    process.stderr.write(`${m.install.notDone}\n`);
    return EXIT.found;
  }
  say(m.install.done);
  if (options.prePush) say(m.install.donePrePush);
  const project = join(place.top, dirname(dirname(pkg)));
  // A plain-Git hook lives in this clone only (husky's file is committed, and husky's own prepare sets it up).
  if (!place.husky && !preparesHook(project)) say(m.install.teammates(installScript(project)));
  // The configuration is read at the top only: one in a package.json below it would be ignored.
  if (project !== place.top && packageJson(project)?.['aws-key-guard'] !== undefined) warn(m.install.configNotRead(relative(options.cwd, join(project, 'package.json')) || 'package.json', place.top));
  return EXIT.ok;
}

/** Where install notes the core.hooksPath it set for husky (in this clone's own config). */
const SET_HOOKS_PATH = 'awsKeyGuard.setHooksPath';

/** Takes back the core.hooksPath install set, if it is still what install set. */
function unsetOurHooksPath(top: string, say: (s: string) => void, m: Messages): void {
  const ours = gitRun(['config', '--local', '--get', SET_HOOKS_PATH], top, process.env);
  if (ours.status !== 0) return;
  const value = ours.output.trim();
  const now = gitRun(['config', '--local', '--get', 'core.hooksPath'], top, process.env);
  if (now.status === 0 && now.output.trim() === value) {
    gitRun(['config', '--local', '--unset', 'core.hooksPath'], top, process.env);
    say(`aws-key-guard: ${m.install.hooksPathUnset(value)}`);
  }
  gitRun(['config', '--local', '--unset', SET_HOOKS_PATH], top, process.env);
}

/** Whether the npm project's package.json installs the hook in its "prepare" (or "postinstall") script. */
function preparesHook(project: string): boolean {
  const scripts = packageJson(project)?.scripts as Record<string, unknown> | undefined;
  return ['prepare', 'postinstall'].some((name) => typeof scripts?.[name] === 'string' && (scripts[name] as string).includes('aws-key-guard'));
}

/** The script a fresh clone's install runs: "prepare", but Yarn 2 and later run only "postinstall". */
function installScript(project: string): string {
  const manager = packageJson(project)?.packageManager;
  const berry = typeof manager === 'string' ? /^yarn@(?:[2-9]|\d{2,})/.test(manager) : existsSync(join(project, '.yarnrc.yml'));
  return berry ? 'postinstall' : 'prepare';
}

/** Why an npm "prepare" script should not install a hook here, if it should not. */
function prepareSkipReason({ cwd, env }: InstallCommand, m: Messages): string | undefined {
  if (skipRequested(env)) return m.install.skipEnv;
  if (cwd.split(/[\\/]/).includes('node_modules')) return m.install.skipDependency;
  return undefined;
}
