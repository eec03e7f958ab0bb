import type { HunkLine, ScanSummary, StagedFile } from '../finding.js';
import { COMMIT_MARKER } from '../git/args.js';
import type { FileKind } from '../rules.js';
import { kindOf as defaultKindOf } from '../scope.js';
import { CUT, LineBatches } from './batches.js';
import { diffGitPath, headerPath } from './paths.js';
import { hunkLine, keywordHits, keywordPattern, WindowCollector } from './windows.js';

/** A file of up to this many staged lines and bytes of patch also goes to the rules whole. */
const WHOLE_LINES = 2000;
const WHOLE_BYTES = 256 * 1024;
const KEY_ID_PREFIX = /^(?:AKIA|ASIA|ABIA|ACCA)$/;

/** A file in scope as its patch header describes it. */
export interface DiffFile extends StagedFile {
  oldBlob: string;
  newBlob: string;
  /** in a history scan, the commit whose patch this is */
  commit?: CommitRef;
  /** a NUL byte in its lines (UTF-16 or UTF-32 text, or a binary file): its blob is decoded too */
  odd?: boolean;
  /** the path it was renamed from: its patch holds only what changed */
  from?: string;
}

export interface CommitRef {
  sha: string;
  /** committer date, ISO 8601 */
  date: string;
}

export interface PatchOptions {
  /** which paths to scan at all (the ignore file, lint-staged's paths) */
  keep?: (path: string) => boolean;
  /** the kind of an in-scope path (configured extra globs included) */
  kindOf?: (path: string) => FileKind | undefined;
  /** told of each file of the diff that is out of scope (a .gitattributes asked for alongside) */
  outOfScope?: (path: string) => void;
  /** bytes gathered before a batch is read (tests make it small to cut often) */
  batchBytes?: number;
}

/**
 * A streaming reader of `git diff -p` and `git log -p` output (see git/args.ts for the flags): it
 * never holds the whole diff. Headers name each file; in hunks, lines are walked only to count
 * them, and the windows around keywords go to `onWindow` with the file they belong to.
 */
export class PatchReader {
  readonly files: DiffFile[] = [];
  readonly summary: ScanSummary = { files: 0, addedLines: 0 };

  private readonly batches: LineBatches;
  private readonly windows: WindowCollector;
  private readonly pattern = keywordPattern();
  private readonly keep: (path: string) => boolean;
  private readonly kindOf: (path: string) => FileKind | undefined;
  private readonly outOfScope: ((path: string) => void) | undefined;

  /** the file whose header is being read, until it is registered (or left out) */
  private header: { path: string | undefined; from?: string | undefined; mode: string; status: string; oldBlob: string; newBlob: string } | undefined;
  /** the registered file whose lines are being read; undefined when out of scope */
  private file: DiffFile | undefined;
  private scannable = false;
  private commit: CommitRef | undefined;
  private inHunk = false;
  private oldLeft = 0;
  private newLeft = 0;
  private newLine = 0;
  private nextNul = -1;
  /**
   * A small file's patch, kept as the parts of the batches that hold it (no copy) while it stays
   * under WHOLE_BYTES: when it holds an access key ID, its staged lines go to the rules as one
   * window too, so that a secret pairs with its key ID wherever it stands in the file or block,
   * not only within WINDOW lines.
   */
  private whole: { text: string; from: number; to: number }[] | undefined;
  private wholeFrom = 0;
  private wholeBytes = 0;
  private wholeHasKeyId = false;
  /** the last line of the last batch (a line cut for length goes on in pieces after it) */
  private lastLine = { prefix: 0, line: 0 };
  private onWindow: (file: DiffFile, lines: HunkLine[]) => void;

  constructor(onWindow: (file: DiffFile, lines: HunkLine[]) => void, options: PatchOptions = {}) {
    this.onWindow = onWindow;
    this.keep = options.keep ?? (() => true);
    this.kindOf = options.kindOf ?? defaultKindOf;
    this.outOfScope = options.outOfScope;
    this.batches = new LineBatches(
      (text, ascii) => this.read(text, ascii),
      (piece, at, last) => this.longLinePiece(piece, at, last),
      options.batchBytes,
    );
    this.windows = new WindowCollector((lines) => {
      if (this.file !== undefined) onWindow(this.file, lines);
    });
  }

  push(chunk: Buffer): void {
    this.batches.push(chunk);
  }

  end(): void {
    this.batches.end();
    this.windows.close();
    this.endFile();
    this.register();
  }

  /** A file's patch is over (at `upTo` of `text`): its whole-file window, if it earned one. */
  private endFile(text = '', upTo = 0): void {
    this.keepPart(text, upTo);
    const parts = this.whole;
    this.whole = undefined;
    if (parts === undefined || !this.wholeHasKeyId || this.file === undefined) return;
    const lines = stagedLines(parts.map((p) => p.text.slice(p.from, p.to)).join(''));
    if (lines !== undefined) this.onWindow(this.file, lines);
  }

  private keepPart(text: string, to: number): void {
    if (this.whole === undefined || to <= this.wholeFrom) return;
    this.whole.push({ text, from: this.wholeFrom, to });
    this.wholeBytes += to - this.wholeFrom;
    if (this.wholeBytes > WHOLE_BYTES) this.whole = undefined;
  }

  private read(text: string, ascii: boolean): void {
    this.wholeFrom = 0;
    const hits = keywordHits(text, this.pattern);
    this.windows.startBatch(ascii);
    this.nextNul = -1;
    let h = 0;
    let start = 0;
    while (start < text.length) {
      if (!this.inHunk) {
        const end = text.indexOf('\n', start);
        this.headerLine(text, start, end);
        start = end + 1;
        continue;
      }
      while (h < hits.length && (hits[h] as number) < start) h++;
      const nextHit = h < hits.length ? (hits[h] as number) : text.length;
      if (!this.windows.open) {
        start = this.countLines(text, start, nextHit);
        if (!this.inHunk || start >= text.length) continue;
        // else the line at `start` holds the keyword: it is read in full below
      }
      const end = text.indexOf('\n', start);
      for (let k = h; this.whole !== undefined && k < hits.length && (hits[k] as number) < end; k++) {
        // a key ID, or an escape that may spell one (scan.ts reads the escapes)
        const at = hits[k] as number;
        if (text.charCodeAt(at) === 0x5c /* \ */ || KEY_ID_PREFIX.test(text.slice(at, at + 4))) this.wholeHasKeyId = true;
      }
      this.hunkLine(text, start, end, nextHit < end);
      start = end + 1;
    }
    this.windows.endBatch(text, this.inHunk);
    this.keepPart(text, text.length);
    this.lastLine = { prefix: text.charCodeAt(text.lastIndexOf('\n', text.length - 2) + 1), line: this.newLine - 1 };
  }

  /**
   * A piece of a line too long to hold (see batches.ts): the line itself was read as the last of
   * the previous batch; each further piece is scanned as a window of its own, with CUT at each
   * cut end so that no value is taken across a cut, and columns counted from the line's start.
   */
  private longLinePiece(piece: string, at: number, last: boolean): void {
    const { prefix, line } = this.lastLine;
    if (this.file === undefined || !this.scannable || (prefix !== 0x2b && prefix !== 0x20)) return;
    const text = hunkLine(line, prefix === 0x2b, `${CUT}${piece}${last ? '' : CUT}`);
    this.onWindow(this.file, [{ ...text, offset: at - 2 }]);
  }

  /**
   * The fast path of a hunk: lines up to the one holding `stopAt` are only counted. Returns where
   * it stopped: the start of that line, the first line after the hunk, or the end of the text.
   */
  private countLines(text: string, start: number, stopAt: number): number {
    let { oldLeft, newLeft, newLine } = this;
    let added = 0;
    let s = start;
    while (s < text.length) {
      const e = text.indexOf('\n', s);
      if (e > stopAt) break;
      this.noteNul(text, s, e);
      const c = text.charCodeAt(s);
      if (c === 0x2d /* - */) {
        oldLeft--;
      } else if (c !== 0x5c /* \ */) {
        if (c === 0x2b /* + */) added++;
        else oldLeft--;
        newLeft--;
        newLine++;
      }
      s = e + 1;
      if (oldLeft <= 0 && newLeft <= 0) {
        this.inHunk = false;
        break;
      }
    }
    [this.oldLeft, this.newLeft, this.newLine] = [oldLeft, newLeft, newLine];
    this.summary.addedLines += added;
    return s;
  }

  private hunkLine(text: string, start: number, end: number, hot: boolean): void {
    this.noteNul(text, start, end);
    const c = text.charCodeAt(start);
    if (c === 0x2d /* - */) {
      this.oldLeft--;
    } else if (c !== 0x5c /* \ : "No newline at end of file" */) {
      const added = c === 0x2b; /* + */
      if (!added) this.oldLeft--;
      this.newLeft--;
      if (added) this.summary.addedLines++;
      const line = this.newLine++;
      if (this.scannable) this.windows.line(text, start, end, line, added, hot);
    }
    if (this.oldLeft <= 0 && this.newLeft <= 0) {
      this.inHunk = false;
      this.windows.close();
    }
  }

  /** Marks the file odd when the line [start, end) holds a NUL: one search per batch, not per line. */
  private noteNul(text: string, start: number, end: number): void {
    if (this.nextNul < start) {
      const nul = text.indexOf('\0', start);
      this.nextNul = nul < 0 ? Number.MAX_SAFE_INTEGER : nul;
    }
    if (this.nextNul < end && this.scannable && this.file !== undefined) this.file.odd = true;
  }

  private headerLine(text: string, start: number, end: number): void {
    const line = text.slice(start, Math.min(end, start + 4096));
    const header = this.header;
    if (line.startsWith('diff --git ')) {
      this.windows.close();
      this.endFile(text, start);
      this.register();
      [this.file, this.scannable, this.whole, this.wholeFrom] = [undefined, false, undefined, start];
      this.header = { path: diffGitPath(line.slice(11)), mode: '', status: 'M', oldBlob: '', newBlob: '' };
    } else if (line.startsWith(COMMIT_MARKER)) {
      this.endFile(text, start);
      this.register();
      this.wholeFrom = start;
      const [sha = '', date = ''] = line.slice(COMMIT_MARKER.length).split(' ');
      this.commit = { sha, date };
    } else if (line.startsWith('@@ ')) {
      const m = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (m === null) return;
      this.register(); // a file whose header had no `+++` line is registered before its lines
      this.inHunk = true;
      this.oldLeft = m[1] === undefined ? 1 : Number(m[1]);
      this.newLine = Number(m[2]);
      this.newLeft = m[3] === undefined ? 1 : Number(m[3]);
    } else if (header === undefined) {
      return;
    } else if (line.startsWith('+++ ')) {
      header.path = headerPath(text.slice(start + 4, end)) ?? header.path;
      this.register();
    } else if (line.startsWith('new file mode ')) {
      [header.status, header.mode] = ['A', line.slice(14)];
    } else if (line.startsWith('new mode ')) {
      [header.status, header.mode] = ['T', line.slice(9)];
    } else if (line.startsWith('rename from ')) {
      header.from = headerPath(text.slice(start + 12, end), '');
    } else if (line.startsWith('rename to ') || line.startsWith('copy to ')) {
      header.status = line.startsWith('r') ? 'R' : 'C';
      header.path = headerPath(text.slice(start + (header.status === 'R' ? 10 : 8), end), '');
    } else if (line.startsWith('index ')) {
      const m = /^index ([0-9a-f]+)\.\.([0-9a-f]+)(?: (\d+))?$/.exec(line);
      if (m !== null) [header.oldBlob, header.newBlob, header.mode] = [m[1] as string, m[2] as string, m[3] ?? header.mode];
    }
  }

  /** Registers the file whose header was read, if it is in scope; its lines follow. */
  private register(): void {
    const header = this.header;
    if (header === undefined) return; // registered already, or no file
    [this.header, this.file, this.scannable, this.whole] = [undefined, undefined, false, undefined];
    if (header?.path === undefined) return;
    const kind = this.kindOf(header.path);
    if (kind === undefined) this.outOfScope?.(header.path);
    if (kind === undefined || !this.keep(header.path)) return;
    const mode = header.mode || '100644';
    const file: DiffFile = { path: header.path, kind, mode, status: header.status, oldBlob: header.oldBlob, newBlob: header.newBlob };
    if (this.commit !== undefined) file.commit = this.commit;
    if (header.from !== undefined) file.from = header.from;
    this.files.push(file);
    this.summary.files++;
    this.file = file;
    // A symbolic link's blob is its target, and a plain file where links are off (Windows): read.
    this.scannable = kind !== 'state' && mode !== '160000';
    this.whole = this.scannable ? [] : undefined;
    [this.wholeBytes, this.wholeHasKeyId] = [0, false];
  }
}

/**
 * The staged lines of one file's patch (its headers and hunks, as latin1 text), numbered as in
 * the staged file; undefined past WHOLE_LINES.
 */
function stagedLines(patch: string): HunkLine[] | undefined {
  const lines: HunkLine[] = [];
  let next = 0; // the next staged line's number; 0 until the first hunk
  for (let start = 0; start < patch.length; ) {
    let end = patch.indexOf('\n', start);
    if (end < 0) end = patch.length;
    const c = patch.charCodeAt(start);
    if (c === 0x40 /* @ */) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(patch.slice(start, Math.min(end, start + 100)));
      if (m !== null) next = Number(m[1]);
    } else if (next > 0 && (c === 0x2b /* + */ || c === 0x20 /* space */)) {
      if (lines.length === WHOLE_LINES) return undefined;
      lines.push(hunkLine(next++, c === 0x2b, patch.slice(start + 1, end)));
    }
    start = end + 1;
  }
  return lines;
}
