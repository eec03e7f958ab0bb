import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { StagedDiffReader, type RawEntry } from './diff.js';
import type { Finding, ScanSummary } from './finding.js';
import { git, gitMaybe, stagedDiff, type GitStream } from './git.js';
import { STATE_FILE_RULE } from './rules.js';
import { scanWindow } from './scan.js';
import { scanUtf16 } from './utf16.js';

export interface ScanOptions {
  cwd: string;
  /** the staged diff, if the caller started it already (see stagedDiff) */
  diff?: GitStream;
  /** Restrict the scan to these paths (as lint-staged passes them); still their staged content. */
  paths?: readonly string[];
}

export interface ScanResult {
  findings: Finding[];
  summary: ScanSummary;
}

/** Reads the staged change through git and returns what it adds; never touches index or tree. */
export async function scanStaged(options: ScanOptions): Promise<ScanResult> {
  const keep = options.paths === undefined ? undefined : pathFilter(options.cwd, options.paths);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const reader = new StagedDiffReader((file, lines) => {
    // Windows close to each other may share a line; report each place once.
    for (const f of scanWindow(file, lines)) {
      const key = `${f.line}:${f.column}:${f.rule}:${f.file}`;
      if (!seen.has(key)) findings.push(f);
      seen.add(key);
    }
  }, keep);
  await (options.diff ?? stagedDiff(options.cwd)).pipe((chunk) => reader.push(chunk));
  reader.end();
  for (const file of reader.utf16) findings.push(...scanUtf16(file, (blob) => readBlob(options.cwd, blob)));
  findings.unshift(...reader.files.filter((f) => f.kind === 'state').map(stateFinding));
  const added = new Set(reader.files.filter((f) => f.status === 'A' || f.status === 'C').map((f) => f.path));
  for (const f of findings) f.newFile = added.has(f.file);
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  return { findings, summary: reader.summary };
}

function stateFinding(file: RawEntry): Finding {
  return {
    rule: STATE_FILE_RULE.id,
    title: STATE_FILE_RULE.title,
    file: file.path,
    fileKind: file.kind,
    line: 0,
    column: 0,
    redacted: '(whole file)',
    fingerprint: `state:${file.newBlob.slice(0, 12)}`,
  };
}

function readBlob(cwd: string, blob: string): Buffer | undefined {
  if (!/^[0-9a-f]{40,64}$/.test(blob) || /^0+$/.test(blob)) return undefined;
  return git(['cat-file', 'blob', blob], cwd);
}

/** Paths given on the command line, as paths from the repository top. */
function pathFilter(cwd: string, paths: readonly string[]): (path: string) => boolean {
  const top = gitMaybe(['rev-parse', '--show-toplevel'], cwd);
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
