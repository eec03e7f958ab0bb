import { relative, sep } from 'node:path';
import { fstatSync, readFileSync, realpathSync } from 'node:fs';
import { colorsWanted, paint } from '../colors.js';
import { writeErr, writeOut } from '../output.js';
import { EXIT, GuardError } from '../errors.js';
import type { Messages } from '../messages/index.js';
import { renderJson } from '../report/json.js';
import { renderText } from '../report/text.js';
import { gitMaybe } from '../git/run.js';
import { ciRangeRevs, nestedRemotes, prePushRevs, rangeRevs } from '../revs.js';
import { scanChanges, type ScanMode } from '../changes.js';
import { findTop, skipRequested } from '../config.js';
import { readHookDiff } from '../diff/stdin.js';
import { version } from '../version.js';

export type Format = 'text' | 'json' | 'sarif';

export interface ScanCommand {
  cwd: string;
  paths: readonly string[];
  format: Format;
  m: Messages;
  env: NodeJS.ProcessEnv;
  all?: boolean;
  range?: string;
  history?: boolean;
  prePush?: boolean;
  /** read the staged diff that the hook script pipes in, instead of starting Git */
  stdin?: boolean;
  /** a server's pre-receive hook: the pushed commits that are new to the repository */
  preReceive?: boolean;
}

/** `aws-key-guard scan`: the staged scan (or --all, --range, --history, --pre-push), printed. */
export async function runScan(cmd: ScanCommand): Promise<number> {
  const { cwd, paths, format, m, env } = cmd;
  if (cmd.preReceive === true) {
    const others = [cmd.all, cmd.range !== undefined, cmd.history, cmd.prePush, cmd.stdin, paths.length > 0, format !== 'text'];
    if (others.some(Boolean)) throw new GuardError('--pre-receive goes alone: the server hook takes no paths, other modes or --format.');
    return (await import('./receive.js')).runPreReceive({ cwd, m, env });
  }
  if (skipRequested(env)) {
    writeErr(`${paint(colorsWanted(env, 2)).yellow(m.skippedByEnv)}\n`);
    return EXIT.ok;
  }
  const mode = scanMode(cmd);
  if (cmd.stdin === true && mode.kind !== 'staged') throw new GuardError(cmd.m.errors.stdinStagedOnly);
  const { findings, summary } = await scanChanges({
    cwd,
    mode,
    env,
    ...(paths.length > 0 && mode.kind === 'staged' ? { paths } : {}), // after --pre-push they name the remote
    ...(cmd.stdin === true ? { diff: (sink: (chunk: Buffer) => void) => readHookDiff(sink) } : {}),
  });
  if (format === 'json') {
    writeOut(`${renderJson(findings, summary)}\n`);
  } else if (format === 'sarif') {
    const { renderSarif } = await import('../report/sarif.js');
    writeOut(`${renderSarif(findings, version())}\n`);
  } else {
    writeOut(`${renderText(findings, summary, { m, c: paint(colorsWanted(env)), prefix: whereUserStands(findings.length, cwd, env), staged: mode.kind === 'staged' })}\n`);
  }
  return findings.length > 0 ? EXIT.found : EXIT.ok;
}

function scanMode({ all, range, history, prePush, paths, cwd, env, m }: ScanCommand): ScanMode {
  const chosen = [all, range !== undefined, history, prePush].filter(Boolean).length;
  if (chosen > 1) throw new GuardError(m.errors.oneMode);
  // a pre-push hook's own arguments (the remote's name and URL) may follow --pre-push
  if (chosen === 1 && paths.length > (prePush ? 2 : 0)) throw new GuardError(m.errors.pathsStagedOnly);
  if (all) return { kind: 'all' };
  if (history) return { kind: 'history' };
  if (range !== undefined) return { kind: 'range', revs: [ciRangeRevs(range, cwd)] };
  if (prePush) return { kind: 'range', revs: prePushRange(cwd, env, paths[0], paths[1]) };
  return { kind: 'staged' };
}

/**
 * What a pre-push hook must scan: the pushed refs Git gives on standard input. The pre-commit
 * framework reads those itself and passes the range in PRE_COMMIT_FROM_REF/PRE_COMMIT_TO_REF (or,
 * when the whole branch is new, neither), so its variables count only when Git's list is not there:
 * set by hand beside a plain `git push`, they change nothing. What counts as pushed already is what
 * the remote being pushed to has (Git names it to the hook, or the framework in
 * PRE_COMMIT_REMOTE_NAME), not another one.
 */
function prePushRange(cwd: string, env: NodeJS.ProcessEnv, remoteArg: string | undefined, urlArg: string | undefined): string[][] {
  const named = remoteArg || env.PRE_COMMIT_REMOTE_NAME || undefined;
  const url = urlArg || env.PRE_COMMIT_REMOTE_URL || undefined;
  // pushed to another URL than any of the remote's own (a pushurl): a push to that URL
  const own = () => (gitMaybe(['remote', 'get-url', '--all', named as string], cwd) ?? '').split('\n');
  const remote = named !== undefined && url !== undefined && !own().includes(url) ? url : named;
  const refs = readStdin();
  if (refs.trim() !== '') return prePushRevs(refs, cwd, remote);
  const from = env.PRE_COMMIT_FROM_REF;
  const to = env.PRE_COMMIT_TO_REF;
  if (from && to) return [rangeRevs(`${from}..${to}`, remote)];
  if (env.PRE_COMMIT === '1') return [rangeRevs(`${'0'.repeat(40)}..${env.PRE_COMMIT_LOCAL_BRANCH || 'HEAD'}`, remote, nestedRemotes(remote, cwd))];
  return [];
}

/**
 * Standard input, unless it is a terminal (the framework run by hand), which would wait for typing:
 * a character device (node:tty would cost every scan its loading; /dev/null is one too, and empty).
 */
function readStdin(): string {
  try {
    if (fstatSync(0).isCharacterDevice()) return '';
  } catch {
    return '';
  }
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The folder the user runs from, relative to the repository top, for commands they can paste:
 * Git tells a hook (GIT_PREFIX); a scan run by hand asks Git, and only when it has found something.
 */
function whereUserStands(findings: number, cwd: string, env: NodeJS.ProcessEnv): string {
  if (env.GIT_PREFIX !== undefined) return env.GIT_PREFIX;
  const top = findings > 0 ? findTop(cwd, env) : undefined;
  if (top === undefined) return '';
  try {
    const rel = relative(realpathSync(top), realpathSync(cwd)).split(sep).join('/');
    return rel === '' || rel.startsWith('..') ? '' : `${rel}/`;
  } catch {
    return '';
  }
}
