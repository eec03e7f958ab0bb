import { createRequire } from 'node:module';
import { EXIT, GuardError } from '../errors.js';
import { IGNORED_GIT_VARIABLES, SET_GIT_VARIABLES } from './args.js';

/**
 * The only place that starts Git: `git` and `gitMaybe` run it to completion, `streamGit` feeds
 * its output to a sink through one pipe as it comes. Arguments are argv arrays, never a shell.
 */

/** node:child_process, loaded on first use: the hook's scan, fed on standard input, starts no Git. */
function processes(): typeof import('node:child_process') {
  return createRequire(import.meta.filename)('node:child_process') as typeof import('node:child_process');
}

/** The environment Git runs in: this process's, without the variables that change its output. */
function gitEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...env, ...SET_GIT_VARIABLES };
  for (const v of IGNORED_GIT_VARIABLES) delete clean[v];
  return clean;
}

/** Runs Git to completion and returns its output; a failure becomes a one-line GuardError. */
export function git(args: readonly string[], cwd: string, input?: string | Buffer): Buffer {
  const r = processes().spawnSync('git', args, { cwd, input, env: gitEnv(), maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
  if (r.error) throw gitMissing(r.error);
  if (r.status !== 0) throw gitFailed(args, r.stderr.toString('utf8'));
  return r.stdout;
}

/** Like git(), but undefined instead of an error when Git exits non-zero. */
export function gitMaybe(args: readonly string[], cwd: string): string | undefined {
  const r = processes().spawnSync('git', args, { cwd, env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw gitMissing(r.error);
  return r.status === 0 ? r.stdout.toString('utf8').replace(/\n$/, '') : undefined;
}

/** Runs Git with an environment of its own and says how it ended (doctor's test commits). */
export function gitRun(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const r = processes().spawnSync('git', args, { cwd, env: gitEnv(env), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw gitMissing(r.error);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** Git's messages are kept up to this much (the first line is what is shown). */
const STDERR_KEPT = 64 * 1024;

/**
 * Feeds everything Git prints to `sink` as it comes, never holding it whole; resolves once Git
 * has exited 0 (its exit status is the proof that the output is complete). A sink that throws
 * stops Git, and the promise rejects with the sink's error.
 */
export function streamGit(args: readonly string[], cwd: string, sink: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = processes().spawn('git', args, { cwd, env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let failed: unknown;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (failed !== undefined) return;
      try {
        sink(chunk);
      } catch (error) {
        failed = error;
        child.kill();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_KEPT) stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => reject(gitMissing(error)));
    child.on('close', (code, signal) => {
      if (failed !== undefined) reject(failed);
      else if (code === 0) resolve();
      else reject(gitFailed(args, stderr || `signal ${String(signal)}`));
    });
  });
}

function gitMissing(error: Error): GuardError {
  return new GuardError('Git could not be started: is it installed and on your PATH?', EXIT.error, { cause: error });
}

function gitFailed(args: readonly string[], stderr: string): GuardError {
  const first = stderr.split('\n').find((l) => l.trim() !== '') ?? 'no message';
  // Outside a repository `git diff --cached` falls back to --no-index mode and rejects --cached.
  const notRepo = /not a git repository|git diff --no-index/i.test(stderr);
  const message = notRepo
    ? 'This folder is not inside a Git repository: run the command from your project folder.'
    : `Git failed (${first.replace(/^(fatal|error): /, '').trim()}).`;
  const command = args.find((a) => !a.startsWith('-') && !a.includes('=')) ?? 'git';
  return new GuardError(message, EXIT.error, { cause: new Error(`git ${command}: ${stderr}`) });
}
