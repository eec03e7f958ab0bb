import type { HunkLine, ScanSummary, StagedFile } from './finding.js';
import { kindOf } from './scope.js';
import { WINDOW } from './rules.js';
import { keywordPattern } from './scan.js';

/** A staged file as the raw section lists it, with the blob names that UTF-16 handling needs. */
export interface RawEntry extends StagedFile {
  oldBlob: string;
  newBlob: string;
}

export type WindowSink = (file: RawEntry, lines: HunkLine[]) => void;

const NUL = 0;
const BINARY_PROBE_BYTES = 8000;

interface RingLine {
  line: number;
  added: boolean;
  text: string;
}

/**
 * Pure streaming reader for the output of `git diff --raw -p -z` (see git.ts for the flags):
 * first the NUL-delimited raw list of files, then the patch. It never holds the whole diff:
 * lines are walked in each chunk, one global keyword regex finds the few places worth a look,
 * and only the lines around those (WINDOW each way, within one hunk) are handed to `sink`.
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
  private carry = '';
  private readonly keywords = keywordPattern();

  // patch state
  private file: RawEntry | undefined;
  private skipFile = true;
  private inHunk = false;
  private oldLeft = 0;
  private newLeft = 0;
  private newLine = 0;
  private probed = 0;
  private ring: RingLine[] = [];
  private window: HunkLine[] | undefined;
  private windowLeft = 0;

  constructor(
    private readonly sink: WindowSink,
    private readonly keep: (path: string) => boolean = () => true,
  ) {}

  push(chunk: Buffer): void {
    if (this.phase === 'raw') {
      const rest = this.pushRaw(chunk);
      if (rest === undefined) return;
      chunk = rest;
    }
    this.pushPatch(chunk.toString('latin1'));
  }

  end(): void {
    if (this.phase === 'raw' && this.rawCarry.length > 0) this.pushRaw(Buffer.from([NUL]));
    if (this.carry.length > 0) {
      const text = this.carry;
      this.carry = '';
      this.pushPatch(text + '\n');
    }
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
    const kind = kindOf(path);
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

  private pushPatch(chunk: string): void {
    const text = this.carry.length > 0 ? this.carry + chunk : chunk;
    const last = text.lastIndexOf('\n');
    if (last < 0) {
      this.carry = text;
      return;
    }
    this.carry = text.slice(last + 1);
    const hits = this.keywordHits(text, last);
    let h = 0;
    let start = 0;
    while (start <= last) {
      const end = text.indexOf('\n', start);
      if (this.inHunk) {
        while (h < hits.length && (hits[h] as number) < start) h++;
        this.hunkLine(text, start, end, h < hits.length && (hits[h] as number) < end);
      } else {
        this.headerLine(text, start, end);
      }
      start = end + 1;
    }
    // Lines kept for look-back must not pin the whole chunk.
    for (const r of this.ring) r.text = (' ' + r.text).slice(1);
  }

  private keywordHits(text: string, limit: number): number[] {
    const hits: number[] = [];
    const re = this.keywords;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null && m.index < limit; m = re.exec(text)) hits.push(m.index);
    return hits;
  }

  private headerLine(text: string, start: number, end: number): void {
    const c = text.charCodeAt(start);
    if (c === 0x64 /* d */ && text.startsWith('diff --git ', start)) {
      this.closeWindow();
      this.file = undefined;
      this.skipFile = true;
    } else if (c === 0x2b /* + */ && text.startsWith('+++ ', start)) {
      const path = decodeHeaderPath(text.slice(start + 4, end));
      this.file = path === undefined ? undefined : this.byPath.get(path);
      this.skipFile = this.file === undefined || !hasScannableContent(this.file);
      this.probed = 0;
    } else if (c === 0x40 /* @ */ && text.startsWith('@@ ', start)) {
      const m = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(text.slice(start, Math.min(end, start + 100)));
      if (m === null) return;
      this.inHunk = true;
      this.oldLeft = m[1] === undefined ? 1 : Number(m[1]);
      this.newLine = Number(m[2]);
      this.newLeft = m[3] === undefined ? 1 : Number(m[3]);
      this.ring = [];
    }
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
      const nul = text.indexOf('\0', start);
      if (nul >= 0 && nul < end) {
        this.summary.skippedBinary++;
        this.skipFile = true;
        this.window = undefined;
        return;
      }
      this.probed += end - start;
    }
    const body = text.slice(start + 1, end);
    if (this.window !== undefined) {
      this.window.push(hunkLine(line, added, body));
      this.windowLeft = hot ? WINDOW : this.windowLeft - 1;
      if (this.windowLeft <= 0) this.closeWindow();
      return;
    }
    if (hot) {
      this.window = this.ring.map((r) => hunkLine(r.line, r.added, r.text));
      this.window.push(hunkLine(line, added, body));
      this.windowLeft = WINDOW;
      this.ring = [];
      return;
    }
    if (this.ring.length === WINDOW) this.ring.shift();
    this.ring.push({ line, added, text: body });
  }

  private closeWindow(): void {
    const w = this.window;
    this.window = undefined;
    if (w !== undefined && w.length > 0 && this.file !== undefined) this.sink(this.file, w);
  }
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

/**
 * The path in a `+++ b/<path>` header line (latin1 text of the raw bytes), or undefined for
 * /dev/null. Git C-quotes unusual paths ("b/a\"b\n.tf"); otherwise it may add a trailing TAB.
 */
export function decodeHeaderPath(field: string): string | undefined {
  let bytes: Buffer;
  if (field.startsWith('"')) {
    bytes = unquoteC(field.slice(1, field.lastIndexOf('"')));
  } else {
    bytes = Buffer.from(field.endsWith('\t') ? field.slice(0, -1) : field, 'latin1');
  }
  const path = bytes.toString('utf8');
  if (path === '/dev/null') return undefined;
  return path.startsWith('b/') ? path.slice(2) : path;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

function unquoteC(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c !== '\\') {
      out.push(s.charCodeAt(i) & 0xff);
      continue;
    }
    const next = s[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      out.push(parseInt(s.slice(i + 1, i + 4), 8) & 0xff);
      i += 3;
    } else {
      out.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(out);
}
