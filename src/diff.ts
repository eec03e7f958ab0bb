import type { HunkLine, ScanSummary, StagedFile } from './finding.js';
import { kindOf as defaultKindOf } from './scope.js';
import type { FileKind } from './rules.js';
import { COMMIT_MARKER } from './diff-marker.js';
import { decodeHeaderPath } from './gitquote.js';
import { WINDOW } from './rules.js';
import { keywordPattern, prefilterKeywords } from './scan.js';
import { SIMD_MAX_BYTES, SIMD_MIN_BYTES, simdHits, type HitFinder } from './simd.js';

/** A staged file as the raw section lists it, with the blob names that UTF-16 handling needs. */
export interface RawEntry extends StagedFile {
  oldBlob: string;
  newBlob: string;
  /** in a history scan, the commit whose patch this is */
  commit?: CommitRef;
}

export interface CommitRef {
  sha: string;
  /** committer date, ISO 8601 */
  date: string;
}


export interface ReaderOptions {
  /** which paths to scan at all (the ignore file, lint-staged's paths) */
  keep?: (path: string) => boolean;
  /** the kind of an in-scope path (configured extra globs included) */
  kindOf?: (path: string) => FileKind | undefined;
  /** false for `git log -p` output: no raw list, commits marked by COMMIT_MARKER lines */
  raw?: boolean;
  /** bytes gathered before a batch is scanned (default 32 KB; tests make it small to cut often) */
  batchBytes?: number;
  /** false: the keyword regex alone, never the SIMD tables (tests compare the two) */
  simd?: boolean;
}

export type WindowSink = (file: RawEntry, lines: HunkLine[]) => void;

const NUL = 0;
const BINARY_PROBE_BYTES = 8000;
const MAX_TAIL = 1 << 16;
const BATCH_BYTES = 1 << 15;
const TAIL_LINES = 2 * WINDOW + 2;

/** The SIMD first pass of the keyword search, made on first use; null where it cannot run. */
let simd: HitFinder | null | undefined;
function simdFinder(keywords: RegExp): HitFinder | null {
  if (simd === undefined) simd = simdHits(keywords, prefilterKeywords()) ?? null;
  return simd;
}

/**
 * Pure streaming reader for the output of `git diff --raw -p -z` (see git.ts for the flags):
 * first the NUL-delimited raw list of files, then the patch. It never holds the whole diff: each
 * chunk's complete lines are decoded once (latin1: one char per byte, so nothing can fail to
 * decode), one global keyword regex finds the few places worth a look, lines are walked only to
 * count them, and just the lines around a keyword (WINDOW each way, within one hunk) are
 * decoded as UTF-8 and handed to `sink`.
 */
export class StagedDiffReader {
  readonly files: RawEntry[] = [];
  readonly summary: ScanSummary = { files: 0, addedLines: 0, skippedBinary: 0 };
  /** Files whose staged content is UTF-16: the caller reads and decodes their blobs. */
  readonly utf16: RawEntry[] = [];

  private readonly byPath = new Map<string, RawEntry>();
  private phase: 'raw' | 'patch' = 'raw';
  private rawCarry: Buffer = Buffer.alloc(0);
  private rawPending: { meta: string[]; paths: string[]; need: number } | undefined;
  /** Bytes after the last newline so far: kept as chunks and joined once a newline arrives. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** The end of the previous text, for look-back across chunks (only inside a hunk). */
  private tail = '';
  private readonly keywords = keywordPattern();

  // patch state
  private file: RawEntry | undefined;
  private skipFile = true;
  private inHunk = false;
  private oldLeft = 0;
  private newLeft = 0;
  private newLine = 0;
  private probed = 0;
  private nextNul = -1;
  private window: HunkLine[] | undefined;
  private windowLeft = 0;

  private readonly keep: (path: string) => boolean;
  private readonly kindOf: (path: string) => FileKind | undefined;
  private commit: CommitRef | undefined;
  private newMode: string | undefined;

  constructor(
    private readonly sink: WindowSink,
    options: ReaderOptions = {},
  ) {
    this.keep = options.keep ?? (() => true);
    this.kindOf = options.kindOf ?? defaultKindOf;
    this.history = options.raw === false;
    this.batchBytes = options.batchBytes ?? BATCH_BYTES;
    this.useSimd = options.simd !== false;
    if (this.history) this.phase = 'patch';
  }

  private readonly history: boolean;
  private readonly batchBytes: number;
  private readonly useSimd: boolean;

  push(chunk: Buffer): void {
    if (this.phase === 'raw') {
      const rest = this.pushRaw(chunk);
      if (rest === undefined) return;
      chunk = rest;
    }
    this.pushPatch(chunk);
  }

  end(): void {
    if (this.phase === 'raw' && this.rawCarry.length > 0) this.pushRaw(Buffer.from([NUL]));
    const last = this.pending[this.pending.length - 1];
    if (last !== undefined) this.pushPatch(last[last.length - 1] === 10 ? Buffer.alloc(0) : Buffer.from('\n'), true);
    this.closeWindow();
  }

  /** Parses raw records; returns the bytes after the raw section, or undefined if not reached. */
  private pushRaw(chunk: Buffer): Buffer | undefined {
    const buf = this.rawCarry.length > 0 ? Buffer.concat([this.rawCarry, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const nul = buf.indexOf(NUL, pos);
      if (nul < 0) break;
      const field = buf.subarray(pos, nul);
      pos = nul + 1;
      if (this.rawPending === undefined) {
        if (field.length === 0) {
          this.phase = 'patch';
          this.rawCarry = Buffer.alloc(0);
          return buf.subarray(pos);
        }
        const meta = field.toString('latin1').slice(1).split(' ');
        const status = meta[4] ?? '';
        this.rawPending = { meta, paths: [], need: status.startsWith('R') || status.startsWith('C') ? 2 : 1 };
        continue;
      }
      this.rawPending.paths.push(field.toString('utf8'));
      if (this.rawPending.paths.length === this.rawPending.need) this.addRaw(this.rawPending);
    }
    this.rawCarry = Buffer.from(buf.subarray(pos));
    return undefined;
  }

  private addRaw({ meta, paths }: { meta: string[]; paths: string[] }): void {
    this.rawPending = undefined;
    const path = paths[paths.length - 1] as string;
    const kind = this.kindOf(path);
    if (kind === undefined || !this.keep(path)) return;
    const entry: RawEntry = {
      path,
      kind,
      mode: meta[1] ?? '',
      oldBlob: meta[2] ?? '',
      newBlob: meta[3] ?? '',
      status: (meta[4] ?? '').slice(0, 1),
    };
    this.files.push(entry);
    this.byPath.set(path, entry);
    this.summary.files++;
  }

  private pushPatch(chunk: Buffer, flush = false): void {
    // Reads of a few kilobytes are gathered first, so that per-batch costs (a regex start, the
    // look-back tail) are paid per batch. Kept bytes are copied: the caller reuses its buffer.
    if (!flush && this.pendingBytes + chunk.length < this.batchBytes) {
      this.keepPending(chunk);
      return;
    }
    let rest = chunk;
    if (this.pending.length > 0) {
      // What is kept (whole lines gathered, then the start of a line) ends with the first line of
      // this chunk: that is joined and scanned on its own, so the bulk is decoded without a copy.
      const nl = chunk.indexOf(10);
      if (nl < 0 && !flush) {
        this.keepPending(chunk); // one long line so far: decoded once, when its end arrives
        return;
      }
      const headEnd = nl < 0 ? chunk.length : nl + 1;
      const head = Buffer.concat([...this.pending, chunk.subarray(0, headEnd)]).toString('latin1');
      this.pending = [];
      this.pendingBytes = 0;
      this.scanText(head);
      rest = chunk.subarray(headEnd);
    }
    const last = rest.lastIndexOf(10);
    // One flat string per batch: regex and indexOf then never flatten a concatenation.
    if (last >= 0) {
      const bytes = rest.subarray(0, last + 1);
      this.scanText(bytes.toString('latin1'), bytes);
    }
    this.keepPending(rest.subarray(last + 1));
  }

  /** Scans whole lines (the text ends with a newline, or is the end of the diff); `bytes`, if given, are its latin1 bytes. */
  private scanText(text: string, bytes?: Uint8Array): void {
    const hits = this.keywordHits(text, bytes);
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
      if (this.window === undefined && (this.skipFile || this.probed > 0)) {
        // Nothing to collect: count lines up to the next keyword, the hunk's end or a NUL.
        start = this.skipLines(text, start, nextHit);
        if (!this.inHunk || start >= text.length) continue;
        // else the line at `start` stopped the walk (a keyword or a NUL): the full path takes it
      }
      const end = text.indexOf('\n', start);
      this.hunkLine(text, start, end, nextHit < end);
      start = end + 1;
    }
    // Look-back needs a few short lines; a multi-megabyte line is not carried from chunk to chunk.
    let tail = '';
    if (this.inHunk) {
      tail = lastLines(text, TAIL_LINES);
      if (tail === text) tail = lastLines(this.tail + text, TAIL_LINES); // a short batch: keep older lines too
    }
    this.tail = tail.length <= MAX_TAIL ? tail : '';
  }

  private keepPending(piece: Buffer): void {
    if (piece.length === 0) return;
    this.pending.push(Buffer.from(piece));
    this.pendingBytes += piece.length;
  }

  /**
   * The fast path of a hunk: lines that are neither near a keyword nor still in the binary probe
   * are only counted. Returns where it stopped: the start of the line holding `stopAt` or a NUL
   * under probe, the first line after the hunk, or the end of the text.
   */
  private skipLines(text: string, start: number, stopAt: number): number {
    let { oldLeft, newLeft, newLine, probed } = this;
    const probing = !this.skipFile;
    let added = 0;
    let s = start;
    while (s < text.length) {
      const e = text.indexOf('\n', s);
      if (e > stopAt) break;
      if (probing && probed < BINARY_PROBE_BYTES) {
        if (this.hasNul(text, s, e)) break;
        probed += e - s;
      }
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
    this.oldLeft = oldLeft;
    this.newLeft = newLeft;
    this.newLine = newLine;
    this.probed = probed;
    this.summary.addedLines += added;
    return s;
  }

  /** Where the keywords start in `text`: through the SIMD tables for a large batch, else the regex alone. */
  private keywordHits(text: string, bytes: Uint8Array | undefined): number[] {
    if (this.useSimd && bytes !== undefined && bytes.length >= SIMD_MIN_BYTES && bytes.length <= SIMD_MAX_BYTES) {
      const finder = simdFinder(this.keywords);
      if (finder !== null) return finder(text, bytes);
    }
    const hits: number[] = [];
    const re = this.keywords;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) hits.push(m.index);
    return hits;
  }

  private headerLine(text: string, start: number, end: number): void {
    const c = text.charCodeAt(start);
    if (c === 0x64 /* d */ && text.startsWith('diff --git ', start)) {
      this.closeWindow();
      this.file = undefined;
      this.skipFile = true;
      this.newMode = undefined;
    } else if (c === 0x01 && text.startsWith(COMMIT_MARKER, start)) {
      const [sha = '', date = ''] = text.slice(start + COMMIT_MARKER.length, end).split(' ');
      this.commit = { sha, date };
    } else if (c === 0x6e /* n */ && (text.startsWith('new file mode ', start) || text.startsWith('new mode ', start))) {
      this.newMode = text.slice(text.lastIndexOf(' ', end - 1) + 1, end);
    } else if (c === 0x2b /* + */ && text.startsWith('+++ ', start)) {
      const path = decodeHeaderPath(text.slice(start + 4, end));
      this.file = path === undefined ? undefined : this.phaseFile(path);
      this.skipFile = this.file === undefined || !hasScannableContent(this.file);
      this.probed = 0;
    } else if (c === 0x40 /* @ */ && text.startsWith('@@ ', start)) {
      const m = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(text.slice(start, Math.min(end, start + 100)));
      if (m === null) return;
      this.inHunk = true;
      this.oldLeft = m[1] === undefined ? 1 : Number(m[1]);
      this.newLine = Number(m[2]);
      this.newLeft = m[3] === undefined ? 1 : Number(m[3]);
    }
  }

  /** The file a `+++` line names: from the raw list, or (history) made from the header. */
  private phaseFile(path: string): RawEntry | undefined {
    if (!this.history) return this.byPath.get(path);
    const kind = this.kindOf(path);
    if (kind === undefined || !this.keep(path)) return undefined;
    this.summary.files++;
    const entry: RawEntry = { path, kind, mode: this.newMode ?? '100644', status: 'M', oldBlob: '', newBlob: '', commit: this.commit as CommitRef };
    if (kind === 'state') this.files.push(entry);
    return entry;
  }

  private hunkLine(text: string, start: number, end: number, hot: boolean): void {
    const c = text.charCodeAt(start);
    let added = false;
    if (c === 0x2d /* - */) {
      this.oldLeft--;
    } else if (c === 0x5c /* \ */) {
      // "\ No newline at end of file"
    } else {
      added = c === 0x2b; /* + */
      if (!added) this.oldLeft--;
      this.newLeft--;
      const line = this.newLine++;
      if (added) this.summary.addedLines++;
      if (!this.skipFile) this.contentLine(text, start, end, line, added, hot);
    }
    if (this.oldLeft <= 0 && this.newLeft <= 0) {
      this.inHunk = false;
      this.closeWindow();
    }
  }

  private contentLine(text: string, start: number, end: number, line: number, added: boolean, hot: boolean): void {
    const file = this.file as RawEntry;
    if (this.probed < BINARY_PROBE_BYTES) {
      if (this.probed === 0 && isUtf16Start(text, start + 1)) {
        this.utf16.push(file);
        this.skipFile = true;
        return;
      }
      if (this.hasNul(text, start, end)) {
        this.summary.skippedBinary++;
        this.skipFile = true;
        this.window = undefined;
        return;
      }
      this.probed += end - start;
    }
    if (this.window !== undefined) {
      this.window.push(hunkLine(line, added, text.slice(start + 1, end)));
      this.windowLeft = hot ? WINDOW : this.windowLeft - 1;
      if (this.windowLeft <= 0) this.closeWindow();
    } else if (hot) {
      this.window = lookBack(text, start, line, this.tail);
      this.window.push(hunkLine(line, added, text.slice(start + 1, end)));
      this.windowLeft = WINDOW;
    }
  }

  /** Whether the line [start, end) holds a NUL: one search per text, not per line. */
  private hasNul(text: string, start: number, end: number): boolean {
    if (this.nextNul < start) {
      const nul = text.indexOf('\0', start);
      this.nextNul = nul < 0 ? Number.MAX_SAFE_INTEGER : nul;
    }
    return this.nextNul < end;
  }

  private closeWindow(): void {
    const w = this.window;
    this.window = undefined;
    if (w !== undefined && w.length > 0 && this.file !== undefined) this.sink(this.file, w);
  }
}

/**
 * The up to WINDOW lines of the same hunk before the line at `start` (whose number is `line`),
 * read backwards from the text, then from the end of the previous batch's `tail`: `+` and ` `
 * lines are the staged file's, `-` lines are skipped, and the hunk header (or any header) ends
 * the walk.
 */
function lookBack(text: string, start: number, line: number, tail: string): HunkLine[] {
  const lines: HunkLine[] = [];
  let src = text;
  let inTail = false;
  let end = start - 1; // the newline that ends the previous line
  while (lines.length < WINDOW) {
    if (end < 0) {
      if (inTail || tail === '') break;
      [src, inTail, end] = [tail, true, tail.length - 1];
      continue;
    }
    const begin = end === 0 ? 0 : src.lastIndexOf('\n', end - 1) + 1;
    const c = begin === end ? 0x20 : src.charCodeAt(begin); // an empty line is blank context
    if (c !== 0x2d /* - */ && c !== 0x5c /* \ */) {
      if (c !== 0x2b /* + */ && c !== 0x20 /* space */) break; // the hunk header, or any header
      line--;
      lines.push(hunkLine(line, c === 0x2b, src.slice(begin + 1, end)));
    }
    end = begin - 1;
  }
  return lines.reverse();
}

/** The last n lines of a text that ends with a newline. */
function lastLines(text: string, n: number): string {
  let at = text.length - 1;
  for (let i = 0; i < n && at > 0; i++) at = text.lastIndexOf('\n', at - 1);
  return at <= 0 ? text : text.slice(at + 1);
}

/** A staged line as text: bytes decoded as UTF-8, without CR or a leading byte-order mark. */
function hunkLine(line: number, added: boolean, latin1: string): HunkLine {
  let text = Buffer.from(latin1, 'latin1').toString('utf8');
  if (text.endsWith('\r')) text = text.slice(0, -1);
  if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { line, added, text };
}

function hasScannableContent(file: RawEntry): boolean {
  return file.kind !== 'state' && file.mode !== '120000' && file.mode !== '160000';
}

function isUtf16Start(text: string, at: number): boolean {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  return (a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff);
}
