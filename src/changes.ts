import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { existsSync, realpathSync } from 'node:fs';
import { allowList } from './allow.js';
import { checkoutBytes, convertedOnCheckout, readBlob } from './checkout.js';
import { EXIT, GuardError } from './errors.js';
import { findTop, includeGlobs, loadConfig, type Config } from './config.js';
import { PatchReader, type DiffFile } from './diff/patch.js';
import { knownLines, linesAgainst, wideDecodings } from './diff/text.js';
import type { Finding, ScanSummary } from './finding.js';
import { ATTRIBUTES_FILES, historyArgs, indexFilesArgs, mergeDiffArgs, movedInArgs, OCTOPUS_ARGS, pathspecs, stagedDiffArgs } from './git/args.js';
import { canRemerge } from './revs.js';
import { git, gitMaybe, streamGit } from './git/run.js';
import { fingerprint, redactText } from './redact.js';
import { STATE_FILE_RULE } from './rules.js';
import { scanWindow } from './scan.js';
import { globToRegExp, kindOf } from './scope.js';

/** What to scan: the index (the hook), every tracked file, commits in a range, or all history. */
export type ScanMode =
  | { kind: 'staged' }
  | { kind: 'all' }
  /** each entry is one git log revision list, such as ['A..B'] or [sha, '--not', '--remotes'] */
  | { kind: 'range'; revs: readonly (readonly string[])[] }
  | { kind: 'history' };

/** Feeds a diff to a sink; resolves only when the diff is known to be whole. */
export type DiffSource = (sink: (chunk: Buffer) => void) => Promise<void>;

export interface ScanOptions {
  cwd: string;
  mode?: ScanMode;
  /** Restrict the scan to these paths (as lint-staged passes them); still their staged content. */
  paths?: readonly string[];
  /** the staged diff from elsewhere (the hook pipes it in); by default Git is started here */
  diff?: DiffSource;
  env?: NodeJS.ProcessEnv;
  /** for making a new baseline: do not apply the current one */
  ignoreBaseline?: boolean;
  /** a server's repository (pre-receive): no work tree, so no configuration file, ignore file or baseline */
  bare?: boolean;
  /** the configuration to use instead of the repository's file (a server's, from git config) */
  config?: Config;
}

export interface ScanResult {
  findings: Finding[];
  summary: ScanSummary;
}

/** Scans what the mode names; never touches the index, the working tree or history. */
export async function scanChanges(options: ScanOptions): Promise<ScanResult> {
  const { cwd } = options;
  const mode = options.mode ?? { kind: 'staged' };
  const top = options.bare === true ? undefined : findTop(cwd, options.env ?? process.env);
  const config = options.config ?? loadConfig(top);
  const allow = await allowList(top, config, options.ignoreBaseline === true);
  const wanted = options.paths === undefined ? undefined : pathFilter(cwd, top, options.paths);
  const keep = (path: string) => allow.keepPath(path) && (wanted === undefined || wanted(path));
  const extra = includeGlobs(config).map(globToRegExp);
  const specs = pathspecs(includeGlobs(config));

  // Commits: a merge's own additions are read too, where Git can show them (one `git version`).
  const merges = mode.kind === 'history' || (mode.kind === 'range' && mode.revs.length > 0) ? mergeDiffArgs(canRemerge(cwd)) : [];
  const sources: DiffSource[] = [];
  const octopus: DiffSource[] = [];
  const fromGit = (args: string[]): DiffSource => (sink) => streamGit(args, cwd, sink);
  // A staged .gitattributes is asked for alongside (it may change how other files check out).
  if (mode.kind === 'staged') sources.push(options.diff ?? fromGit(stagedDiffArgs([...specs, ATTRIBUTES_FILES])));
  else if (mode.kind === 'all') sources.push(fromGit(stagedDiffArgs(specs, emptyTree(cwd))));
  else {
    for (const revs of mode.kind === 'history' ? [['HEAD']] : mode.revs) {
      sources.push(fromGit(historyArgs(specs, [...merges, ...revs])));
      if (merges.length > 0) octopus.push(fromGit(historyArgs(specs, [...OCTOPUS_ARGS, ...revs])));
    }
  }

  const found = new Map<string, Finding>();
  const add = (f: Finding) => {
    // Windows close to each other may share a line: each place is reported once.
    const key = `${f.commit?.sha ?? ''}:${f.file}:${f.line}:${f.column}:${f.rule}:${f.redacted}`;
    if (!found.has(key)) found.set(key, f);
  };
  const summary: ScanSummary = { files: 0, addedLines: 0 };
  let attributesStaged = false;
  const movedIn: DiffFile[] = [];
  const readFiles: DiffFile[] = [];
  const read = async (source: DiffSource, counted: boolean, onFinding = add) => {
    const reader = new PatchReader((file, lines) => scanWindow(file, lines).forEach((f) => onFinding(withCommit(f, file))), {
      keep,
      kindOf: (p) => kindOf(p, extra),
      outOfScope: (p) => {
        if (/(?:^|\/)\.gitattributes$/.test(p)) attributesStaged = true;
      },
    });
    await source((chunk) => reader.push(chunk));
    reader.end();
    for (const file of reader.files) {
      if (file.kind === 'state') onFinding(stateFinding(file));
      else if (file.odd === true) for (const f of scanWhole(file, (blob) => [readBlob(cwd, blob)], true)) onFinding(withCommit(f, file));
      if (file.status === 'A' || file.status === 'C') for (const f of found.values()) if (f.file === file.path) f.newFile = true;
      // renamed in from a path the scan leaves out: what did not change was never read
      if (file.from !== undefined && (kindOf(file.from, extra) === undefined || !allow.keepPath(file.from))) movedIn.push(file);
    }
    if (counted) {
      readFiles.push(...reader.files);
      summary.files += reader.summary.files;
    }
    summary.addedLines += reader.summary.addedLines;
  };
  for (const source of sources) await read(source, true);
  // An octopus merge read against its first parent also shows what its other parents brought: a
  // line one of them already has is theirs, and their own commits answer for it.
  const fromOctopus: Finding[] = [];
  for (const source of octopus) await read(source, false, (f) => fromOctopus.push(f));
  for (const f of fromOctopus) if (addedByMerge(f, cwd)) add(f);
  // What a checkout writes, where that is not the blob (working-tree-encoding, Git LFS). The
  // hook asks Git about these before it pipes the diff in, and leaves such commits to this road.
  if (options.diff === undefined) {
    const from = top ?? cwd; // paths are from the top: Git is asked from there
    // A staged .gitattributes may turn a file that did not change into another on checkout:
    // then every converted file in scope is read whole, every line as new.
    if (attributesStaged) readFiles.push(...indexFiles(from, specs, extra, allow.keepPath));
    for (const c of convertedOnCheckout(readFiles, from)) {
      const bytes = (blob: string, path: string) => checkoutBytes(from, path, blob, c);
      for (const f of scanWhole(c.file, bytes, false)) add(withCommit(f, c.file));
    }
  }
  // Those are read again whole, as new files: once per commit, a hundred names a call.
  const byCommit = new Map<string | undefined, string[]>();
  for (const file of movedIn) byCommit.set(file.commit?.sha, [...(byCommit.get(file.commit?.sha) ?? []), file.path]);
  for (const [commit, paths] of byCommit) {
    for (let i = 0; i < paths.length; i += 100) await read(fromGit(movedInArgs(paths.slice(i, i + 100), commit, merges)), false);
  }

  const findings = [...found.values()];
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
 * A file read whole, with each line counting as added unless the previous version had it:
 * - one with NUL bytes (`wideOnly`): its text runs were scanned in the diff; its blob is decoded
 *   as UTF-16 and UTF-32 at every alignment, and a line of the previous version in any of its
 *   decodings is not new (an edit of the plain bytes before wide text moves it);
 * - one whose checkout is not its blob (checkout.ts): what the checkout writes, as UTF-8 and, if
 *   it holds NUL bytes, in the wide decodings too.
 * A blob that cannot be read stops the scan (git() throws): an in-scope file is never skipped.
 */
function scanWhole(file: DiffFile, read: (blob: string, path: string) => (Buffer | undefined)[], wideOnly: boolean): Finding[] {
  // one at a time: each is about the size of the file
  function* decodings(versions: (Buffer | undefined)[]): Generator<string> {
    for (const bytes of versions) {
      if (bytes === undefined) continue;
      if (!wideOnly) yield bytes.toString('utf8');
      if (wideOnly || bytes.includes(0)) yield* wideDecodings(bytes);
    }
  }
  const after = read(file.newBlob, file.path);
  const known = knownLines(decodings(read(file.oldBlob, file.from ?? file.path)));
  const findings: Finding[] = [];
  for (const text of decodings(after)) findings.push(...scanWindow(file, linesAgainst(text, known)));
  return findings;
}

/**
 * For each commit with findings, a remote-tracking branch that already has it: a key in such a
 * commit was pushed, and must be rotated. One Git call per commit, only for commits with findings.
 */
function markPushed(findings: Finding[], cwd: string): void {
  const byCommit = new Map<string, string | undefined>();
  for (const f of findings) {
    if (f.commit === undefined) continue;
    if (!byCommit.has(f.commit.sha)) {
      const remotes = gitMaybe(['branch', '-r', '--contains', f.commit.sha, '--format=%(refname:short)'], cwd);
      const first = remotes?.split('\n').find((r) => r.trim() !== '');
      byCommit.set(f.commit.sha, first === undefined ? undefined : redactText(first)); // a branch may be named after a key
    }
    const pushedTo = byCommit.get(f.commit.sha);
    if (pushedTo !== undefined) f.commit = { ...f.commit, pushedTo };
  }
}

/** Whether the line of a merge's finding is in none of its parents but the first. */
function addedByMerge(f: Finding, cwd: string): boolean {
  const sha = f.commit?.sha;
  if (sha === undefined || f.line < 1) return true;
  const [, , ...others] = (gitMaybe(['rev-list', '--parents', '-n1', sha], cwd) ?? '').split(' ');
  const lines = (rev: string) => gitMaybe(['cat-file', 'blob', `${rev}:${f.file}`], cwd)?.split('\n');
  const line = lines(sha)?.[f.line - 1];
  return line === undefined || !others.some((p) => lines(p)?.includes(line) === true);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function withCommit(f: Finding, file: DiffFile): Finding {
  return file.commit === undefined ? f : { ...f, commit: file.commit };
}

function stateFinding(file: DiffFile): Finding {
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

/** The index's files in scope, as files of a diff against nothing. */
function indexFiles(top: string, specs: readonly string[], extra: readonly RegExp[], keepPath: (path: string) => boolean): DiffFile[] {
  const files: DiffFile[] = [];
  for (const entry of git(indexFilesArgs(specs), top).toString('utf8').split('\0')) {
    const m = /^(\d{6}) ([0-9a-f]+) \d\t(.*)$/s.exec(entry);
    const kind = m === null ? undefined : kindOf(m[3] as string, extra);
    if (m === null || kind === undefined || !keepPath(m[3] as string)) continue;
    files.push({ path: m[3] as string, kind, mode: m[1] as string, status: 'M', oldBlob: '', newBlob: m[2] as string });
  }
  return files;
}

/** The empty tree of this repository's hash (SHA-1 or SHA-256). */
function emptyTree(cwd: string): string {
  return git(['hash-object', '-t', 'tree', '--stdin'], cwd, '').toString('utf8').trim();
}

/** Paths given on the command line, as paths from the repository top. */
function pathFilter(cwd: string, top: string | undefined, paths: readonly string[]): (path: string) => boolean {
  if (top === undefined) return () => false;
  const realTop = realDir(top);
  const wanted = paths.map((p) => {
    const abs = isAbsolute(p) ? p : resolve(cwd, p);
    // A typo must not read as "no keys": a path neither on disk nor in the index is an error.
    if (!existsSync(abs) && gitMaybe(['--literal-pathspecs', 'ls-files', '--error-unmatch', '--', abs], cwd) === undefined) {
      throw new GuardError(`${redactText(p)}: no such file or folder here, nor in the index.`, EXIT.error);
    }
    // The folder is resolved (tmp folders are often symlinks), the file itself is not:
    // it may be a symlink, or gone from the working tree while still staged.
    return relative(realTop, join(realDir(dirname(abs)), basename(abs))).split(sep).join('/');
  });
  const files = new Set(wanted);
  // a folder names every file in it (the top itself is '')
  const folders = wanted.map((w) => (w === '' ? '' : `${w}/`));
  return (path) => files.has(path) || folders.some((f) => path.startsWith(f));
}

function realDir(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}
