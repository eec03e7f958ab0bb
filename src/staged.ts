import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { realpathSync } from 'node:fs';
import { allowList } from './allow.js';
import { includeGlobs, type Config } from './config.js';
import { StagedDiffReader, type RawEntry } from './diff.js';
import type { Finding, ScanSummary } from './finding.js';
import { git, gitMaybe, GitStream, historyArgs, stagedDiffArgs } from './git.js';
import { fingerprint } from './redact.js';
import { STATE_FILE_RULE } from './rules.js';
import { scanWindow } from './scan.js';
import { globToRegExp, kindOf } from './scope.js';
import { readRepo, scopeSpecs } from './start.js';
import { scanUtf16 } from './utf16.js';

/** What to scan: the index (the hook), every tracked file, commits in a range, or all history. */
export type ScanMode =
  | { kind: 'staged' }
  | { kind: 'all' }
  /** each entry is one git log revision list, such as ['A..B'] or [sha, '--not', '--remotes'] */
  | { kind: 'range'; revs: readonly (readonly string[])[] }
  | { kind: 'history' };

export interface ScanOptions {
  cwd: string;
  mode?: ScanMode;
  /** Restrict the scan to these paths (as lint-staged passes them); still their staged content. */
  paths?: readonly string[];
  /** the staged diff, if the caller started it already (see start.ts) or the hook piped it in */
  diff?: DiffSource;
  env?: NodeJS.ProcessEnv;
  /** for making a new baseline: do not apply the current one */
  ignoreBaseline?: boolean;
}

/** Where diff text comes from: a git started here, or the hook's file or pipe. */
export interface DiffSource {
  /** Each chunk is valid only during the call (a source may reuse its buffer). */
  pipe(sink: (chunk: Buffer) => void): Promise<void>;
  cancel(): void;
  /** the repository it was started for, when its starter read it (see start.ts) */
  readonly repo?: Repo;
}

/** A repository's top (undefined outside one) and its configuration. */
export interface Repo {
  top: string | undefined;
  config: Config;
}

export interface ScanResult {
  findings: Finding[];
  summary: ScanSummary;
}

/** Scans what the mode names; never touches the index, the working tree or history. */
export async function scanChanges(options: ScanOptions): Promise<ScanResult> {
  const { cwd } = options;
  const mode = options.mode ?? { kind: 'staged' };
  const env = options.env ?? process.env;
  const { top, config } = (mode.kind === 'staged' ? options.diff?.repo : undefined) ?? readRepo(cwd, env);
  const allow = await allowList(top, config, options.ignoreBaseline === true);
  const wanted = options.paths === undefined ? undefined : pathFilter(cwd, top, options.paths);
  const keep = (path: string) => allow.keepPath(path) && (wanted === undefined || wanted(path));
  const extra = includeGlobs(config).map(globToRegExp);
  const specs = scopeSpecs(config);

  const findings: Finding[] = [];
  const seen = new Set<string>();
  const summary: ScanSummary = { files: 0, addedLines: 0, skippedBinary: 0 };
  const add = (f: Finding) => {
    // Windows close to each other may share a line; report each place once.
    const key = `${f.commit?.sha ?? ''}:${f.file}:${f.line}:${f.column}:${f.rule}`;
    if (!seen.has(key)) findings.push(f);
    seen.add(key);
  };

  const runs: { stream: DiffSource; raw: boolean }[] = [];
  if (mode.kind === 'staged') runs.push({ stream: options.diff ?? new GitStream(stagedDiffArgs(specs), cwd), raw: true });
  else if (mode.kind === 'all') runs.push({ stream: new GitStream(stagedDiffArgs(specs, emptyTree(cwd)), cwd), raw: true });
  else if (mode.kind === 'history') runs.push({ stream: new GitStream(historyArgs(specs, ['HEAD']), cwd), raw: false });
  for (const revs of mode.kind === 'range' ? mode.revs : []) runs.push({ stream: new GitStream(historyArgs(specs, revs), cwd), raw: false });

  for (const { stream, raw } of runs) {
    const reader = new StagedDiffReader(
      (file, lines) => {
        for (const f of scanWindow(file, lines)) add(withCommit(f, file));
      },
      { keep, kindOf: (p) => kindOf(p, extra), raw },
    );
    await stream.pipe((chunk) => reader.push(chunk));
    reader.end();
    for (const file of reader.utf16) for (const f of scanUtf16(file, (blob) => readBlob(cwd, blob))) add(f);
    for (const file of reader.files.filter((f) => f.kind === 'state')) add(stateFinding(file));
    const newFiles = new Set(reader.files.filter((f) => f.status === 'A' || f.status === 'C').map((f) => f.path));
    for (const f of findings) f.newFile ??= newFiles.has(f.file) || undefined;
    summary.files += reader.summary.files;
    summary.addedLines += reader.summary.addedLines;
    summary.skippedBinary += reader.summary.skippedBinary;
  }

  const kept = findings.filter(allow.keepFinding);
  markPushed(kept, cwd);
  summary.allowed = findings.length - kept.length;
  kept.sort((a, b) => compare(a.commit?.date ?? '', b.commit?.date ?? '') || compare(a.file, b.file) || a.line - b.line || a.column - b.column);
  return { findings: kept, summary };
}

/** The public, staged-only entry point (kept for the API). */
export function scanStaged(options: Omit<ScanOptions, 'mode'>): Promise<ScanResult> {
  return scanChanges({ ...options, mode: { kind: 'staged' } });
}

/**
 * For each commit with findings, a remote-tracking branch that already has it: a key in such a
 * commit was pushed, and must be rotated. One git call per commit, only for commits with findings.
 */
function markPushed(findings: Finding[], cwd: string): void {
  const byCommit = new Map<string, string | undefined>();
  for (const f of findings) {
    if (f.commit === undefined) continue;
    if (!byCommit.has(f.commit.sha)) {
      const remotes = gitMaybe(['branch', '-r', '--contains', f.commit.sha, '--format=%(refname:short)'], cwd);
      byCommit.set(f.commit.sha, remotes?.split('\n').find((r) => r.trim() !== ''));
    }
    const pushedTo = byCommit.get(f.commit.sha);
    if (pushedTo !== undefined) f.commit = { ...f.commit, pushedTo };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function withCommit(f: Finding, file: RawEntry): Finding {
  return file.commit === undefined ? f : { ...f, commit: file.commit };
}

function stateFinding(file: RawEntry): Finding {
  const f: Finding = {
    rule: STATE_FILE_RULE.id,
    title: STATE_FILE_RULE.title,
    file: file.path,
    fileKind: file.kind,
    line: 0,
    column: 0,
    redacted: '(whole file)',
    fingerprint: fingerprint(STATE_FILE_RULE.id, file.path, ''),
  };
  return withCommit(f, file);
}

/** The empty tree of this repository's hash (SHA-1 or SHA-256). */
function emptyTree(cwd: string): string {
  return git(['hash-object', '-t', 'tree', '--stdin'], cwd, '').toString('utf8').trim();
}

function readBlob(cwd: string, blob: string): Buffer | undefined {
  if (!/^[0-9a-f]{40,64}$/.test(blob) || /^0+$/.test(blob)) return undefined;
  return git(['cat-file', 'blob', blob], cwd);
}

/** Paths given on the command line, as paths from the repository top. */
function pathFilter(cwd: string, top: string | undefined, paths: readonly string[]): (path: string) => boolean {
  if (top === undefined) return () => false;
  const realTop = realDir(top);
  const wanted = new Set(
    paths.map((p) => {
      const abs = isAbsolute(p) ? p : resolve(cwd, p);
      // The folder is resolved (tmp folders are often symlinks), the file itself is not:
      // it may be a symlink, or gone from the working tree while still staged.
      return relative(realTop, join(realDir(dirname(abs)), basename(abs))).split(sep).join('/');
    }),
  );
  return (path) => wanted.has(path);
}

function realDir(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}
