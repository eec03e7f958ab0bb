import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { closeSync, readSync } from 'node:fs';
import { follow, privateFiles } from './drain.js';
import { EXIT, GuardError } from './errors.js';
import { COMMIT_MARKER } from './diff-marker.js';
import { WINDOW } from './rules.js';

/** The only module that starts git. Arguments are argv arrays; nothing goes through a shell. */

let childProcess: typeof import('node:child_process') | undefined;

/**
 * node:child_process, loaded on first use (with streams and net, about 2.5 ms): a scan of the
 * diff the hook has git write, which runs no git itself, never pays for it.
 */
function processes(): typeof import('node:child_process') {
  childProcess ??= createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  return childProcess;
}

/**
 * Flags for reading the staged change. Every one is here on purpose:
 * - `-c core.quotepath=off`: non-ASCII paths as bytes, not octal escapes (C-quoting remains for
 *   quotes, backslashes and control characters, which diff.ts undoes);
 * - `--cached`: the index (or $GIT_INDEX_FILE, which git commit -a / <paths> sets), never the
 *   working tree; on an unborn branch git compares against the empty tree;
 * - `--raw -p -z`: a NUL-delimited list of files (exact paths, modes, blob names) before the patch;
 * - `--full-index --no-abbrev`: whole blob names (patch and raw), so a blob can be read by name;
 * - `--text`: a `.gitattributes` `binary` or `-diff` must not hide a file; diff.ts skips real
 *   binaries itself; `--no-textconv`, `--no-ext-diff`: the stored bytes, through no user program;
 * - `--no-color`, `--no-relative`, `--src-prefix/--dst-prefix`, `--submodule=short`: a stable
 *   format whatever the user's diff.* configuration says;
 * - `-U<n>`: n unchanged lines of context around each change, for labels and key pairs nearby;
 * - `--find-renames`: a pure rename adds no lines; `--diff-filter=ACMRT`: no deleted files;
 * - pathspecs with `:(top,glob,icase)`: git leaves out-of-scope files unread.
 */
export function stagedDiffArgs(specs: readonly string[], base?: string): string[] {
  return [
    '-c', 'core.quotepath=off',
    'diff', '--cached', ...(base === undefined ? [] : [base]), '--raw', '-p', '-z', '--full-index', '--no-abbrev',
    ...PATCH_FLAGS, '--', ...specs,
  ];
}

const PATCH_FLAGS = [
  '--text', '--no-textconv', '--no-ext-diff', '--no-color', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/',
  '--submodule=short', `-U${WINDOW}`, '--find-renames', '--diff-filter=ACMRT',
];

/**
 * `git log -p` over revisions, for history and range scans: the same patch flags, each commit
 * introduced by a COMMIT_MARKER line with its hash and committer date (merges show no patch);
 * `--no-show-signature` keeps signature checks out of the output.
 */
export function historyArgs(specs: readonly string[], revs: readonly string[]): string[] {
  return [
    '-c', 'core.quotepath=off', 'log', '--no-show-signature', '-p', '--full-index', ...PATCH_FLAGS,
    `--format=${COMMIT_MARKER.replace('\u0001', '%x01').replace(/ /g, '%x20')}%H%x20%cI`, ...revs, '--', ...specs,
  ];
}

/** Runs git to completion and returns stdout; a failure becomes a one-line GuardError. */
export function git(args: readonly string[], cwd: string, input?: string | Buffer): Buffer {
  const r = processes().spawnSync('git', args, { cwd, input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
  if (r.error) throw gitMissing(r.error);
  if (r.status !== 0) throw gitFailed(args, r.stderr.toString('utf8'));
  return r.stdout;
}

/** Runs git with its own environment and reports how it ended, for the doctor's test repository. */
export function gitRun(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const r = processes().spawnSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw gitMissing(r.error);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** Like git() but returns undefined instead of throwing when git exits non-zero. */
export function gitMaybe(args: readonly string[], cwd: string): string | undefined {
  const r = processes().spawnSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw gitMissing(r.error);
  return r.status === 0 ? r.stdout.toString('utf8').replace(/\n$/, '') : undefined;
}

/**
 * A running git whose stdout is read as it comes, never held whole. Started as early as possible
 * (the CLI starts the staged diff before it loads the rest of itself). Where it can (Unix), git
 * writes into a private file that this process follows (drain.ts): git never waits for the
 * reader; its messages go into a second one, read only if it fails. Elsewhere both are pipes,
 * read through Node.js streams.
 */
export class GitStream {
  private readonly child: ChildProcess;
  /** the private files' read descriptors (diff, messages), while they are open */
  private file: number | undefined;
  private errFile: number | undefined;
  private ended = false;
  private wake: () => void = () => undefined;
  /** settles when git has exited (or could not start): wakes the reader at once */
  private readonly exitSeen = new Promise<void>((resolve) => {
    this.wake = resolve;
  });
  private early: Buffer[] = [];
  private readonly stderr: Buffer[] = [];
  private sink: ((chunk: Buffer) => void) | undefined;
  private failed: unknown;
  private readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    private readonly args: readonly string[],
    cwd: string,
    options: { streams?: boolean } = {},
  ) {
    // Files rather than pipes also spare Node.js a stream per pipe: a millisecond of every commit.
    const files = options.streams === true ? undefined : privateFiles(2);
    const [out, err] = files ?? [];
    try {
      this.child = processes().spawn('git', args, { cwd, stdio: ['ignore', out?.write ?? 'pipe', err?.write ?? 'pipe'] });
    } catch (error) {
      for (const f of files ?? []) closeSync(f.read);
      throw error;
    } finally {
      for (const f of files ?? []) closeSync(f.write); // git has its own
    }
    this.file = out?.read;
    this.errFile = err?.read;
    this.child.stdout?.on('data', (chunk: Buffer) => {
      if (this.failed !== undefined) return;
      if (this.sink === undefined) this.early.push(chunk);
      else this.feed(this.sink, chunk);
    });
    this.child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    this.exit = new Promise((resolve, reject) => {
      this.child.on('error', (error) => {
        this.ended = true;
        this.wake();
        reject(gitMissing(error));
      });
      this.child.on('exit', () => {
        this.ended = true; // every byte git wrote is in the file now
        this.wake();
      });
      this.child.on('close', (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal }));
    });
    this.exit.catch(() => undefined); // reported to whoever pipes; never an unhandled rejection
  }

  /** True, until the output has been read, when git writes into a private file rather than a pipe. */
  get viaFile(): boolean {
    return this.file !== undefined;
  }

  /** Feeds everything git prints, as it comes, to `sink`; resolves when git succeeded. */
  async pipe(sink: (chunk: Buffer) => void): Promise<void> {
    const file = this.file;
    if (file !== undefined) {
      try {
        await follow(file, sink, () => this.ended, this.exitSeen);
      } catch (error) {
        this.failed = error;
        this.child.kill();
      } finally {
        this.closeFile();
      }
    } else {
      for (const chunk of this.early) this.feed(sink, chunk);
      this.early = [];
      this.sink = sink;
    }
    const { code, signal } = await this.exit;
    let stderr = '';
    try {
      if (code !== 0) stderr = this.readStderr(); // read only when it is shown
    } finally {
      this.closeErrFile();
    }
    if (this.failed !== undefined) throw this.failed;
    if (code !== 0) throw gitFailed(this.args, stderr || `signal ${String(signal)}`);
  }

  /** What git said on stderr, once it has ended: from the pipe, or the start of its file. */
  private readStderr(): string {
    const fd = this.errFile;
    if (fd === undefined) return Buffer.concat(this.stderr).toString('utf8');
    const buf = Buffer.allocUnsafe(STDERR_KEPT);
    let n = 0;
    for (let got = 1; got > 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, null);
    return buf.toString('utf8', 0, n);
  }

  private closeErrFile(): void {
    if (this.errFile !== undefined) closeSync(this.errFile);
    this.errFile = undefined;
  }

  /** Stops git when its output is not wanted after all. */
  cancel(): void {
    this.child.kill();
    this.closeFile();
    this.closeErrFile();
  }

  private closeFile(): void {
    // The last close of the nameless file frees its pages (some 6 ms for 50 MB, wherever it is
    // done: on the thread pool or at exit the process waits for it all the same).
    if (this.file !== undefined) closeSync(this.file);
    this.file = undefined;
  }

  private feed(sink: (chunk: Buffer) => void, chunk: Buffer): void {
    if (this.failed !== undefined) return;
    try {
      sink(chunk);
    } catch (error) {
      this.failed = error; // pipe() rejects with it once git has ended
      this.child.kill();
    }
  }
}

/** Git's messages are read up to this much (the first line is what is shown). */
const STDERR_KEPT = 64 * 1024;

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
