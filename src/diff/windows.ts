import type { HunkLine } from '../finding.js';
import { ESCAPES, regExpLiteral, RULES, WINDOW } from '../rules.js';

/**
 * The few places of a diff worth the rules' time. One global regex of every rule's keywords finds
 * them in a whole batch at once; around each, the lines of the same hunk within WINDOW each way
 * are decoded as UTF-8 and handed on as one window. Every other line is only counted.
 */

/**
 * Every rule's value prefixes, matched as written (key IDs are upper case), and its name words,
 * in any case (`[Ss][Ee][Cc]…`: faster in V8 than a case-insensitive alternation, and random hex
 * or base64 such as "acca" never hits).
 */
export function keywordPattern(): RegExp {
  const anyCase = (w: string) => [...w].map((c) => (/[a-z]/.test(c) ? `[${c.toUpperCase()}${c}]` : regExpLiteral(c))).join('');
  const exact = new Set([...RULES.flatMap((r) => r.keywords), ...ESCAPES]); // a key may hide behind an escape
  const words = new Set(RULES.flatMap((r) => (r.nameWords ?? []).map((w) => w.toLowerCase())));
  return new RegExp([...[...exact].map(regExpLiteral), ...[...words].map(anyCase)].join('|'), 'g');
}

/** Where the keywords start in a batch of text. */
export function keywordHits(text: string, pattern: RegExp): number[] {
  const hits: number[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) hits.push(m.index);
  return hits;
}


/** Collects the lines of one window at a time, across batches, and hands each on when it closes. */
export class WindowCollector {
  private lines: HunkLine[] | undefined;
  private left = 0;
  /** the end of the previous batch, while its hunk goes on: the lines a look-back may need */
  private tail = '';
  /** the batch being read holds only ASCII, so its lines need no decoding */
  private ascii = false;

  constructor(private readonly onWindow: (lines: HunkLine[]) => void) {}

  get open(): boolean {
    return this.lines !== undefined;
  }

  /**
   * A staged line (`text[start]` is its +/space prefix, `end` its newline) numbered `line`; `hot`
   * when a keyword is in it. A hot line opens a window with the lines before it, or extends one.
   */
  line(text: string, start: number, end: number, line: number, added: boolean, hot: boolean): void {
    if (this.lines === undefined) {
      if (!hot) return;
      this.lines = lookBack(text, start, line, this.tail, this.ascii);
    }
    this.lines.push(hunkLine(line, added, text.slice(start + 1, end), this.ascii));
    this.left = hot ? WINDOW : this.left - 1;
    if (this.left <= 0) this.close();
  }

  close(): void {
    const lines = this.lines;
    this.lines = undefined;
    if (lines !== undefined && lines.length > 0) this.onWindow(lines);
  }

  /** A new batch, and whether it is all ASCII (one test of its bytes instead of one per line). */
  startBatch(ascii: boolean): void {
    this.ascii = ascii;
  }

  /**
   * At the end of a batch: if a hunk goes on into the next one, keep what a look-back may need,
   * its last WINDOW staged lines (removed lines, which a look-back skips, are left out, however
   * many; a line is at most MAX_LINE long, see batches.ts, so this stays bounded).
   */
  endBatch(text: string, inHunk: boolean): void {
    if (!inHunk) {
      this.tail = '';
      return;
    }
    const last = stagedTail(text);
    this.tail = last.whole ? last.tail : stagedTail(this.tail + text).tail; // a short batch: older lines too
  }
}

/**
 * The up to WINDOW lines of the same hunk before the line at `start` (numbered `line`), read
 * backwards from the text, then from the previous batch's tail: `+` and ` ` lines are the staged
 * file's, `-` lines are skipped, and a hunk header (or any header) ends the walk.
 */
function lookBack(text: string, start: number, line: number, tail: string, ascii: boolean): HunkLine[] {
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
      if (c !== 0x2b /* + */ && c !== 0x20 /* space */) break;
      line--;
      lines.push(hunkLine(line, c === 0x2b, src.slice(begin + 1, end), ascii && !inTail));
    }
    end = begin - 1;
  }
  return lines.reverse();
}

/**
 * The last WINDOW staged lines of a hunk's text (which ends with a newline), in order, without
 * the removed lines between them; `whole` when the text held that many, or a header before them.
 */
function stagedTail(text: string): { tail: string; whole: boolean } {
  const lines: string[] = [];
  let end = text.length - 1; // the newline that ends the line being read
  while (lines.length < WINDOW && end >= 0) {
    const begin = text.lastIndexOf('\n', end - 1) + 1;
    const c = begin === end ? 0x20 : text.charCodeAt(begin); // an empty line is blank context
    if (c === 0x2b /* + */ || c === 0x20 /* space */) lines.push(text.slice(begin, end + 1));
    else if (c !== 0x2d /* - */ && c !== 0x5c /* \ */) return { tail: lines.reverse().join(''), whole: true };
    end = begin - 1;
  }
  return { tail: lines.reverse().join(''), whole: lines.length >= WINDOW };
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * A staged line as text: bytes decoded as UTF-8, without CR or a leading byte-order mark. ASCII
 * reads the same as latin1 and as UTF-8: most lines need no decoding at all (`ascii` when known).
 */
export function hunkLine(line: number, added: boolean, latin1: string, ascii = false): HunkLine {
  let text = ascii || !NON_ASCII.test(latin1) ? latin1 : Buffer.from(latin1, 'latin1').toString('utf8');
  if (text.endsWith('\r')) text = text.slice(0, -1);
  if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { line, added, text };
}
