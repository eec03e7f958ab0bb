import type { HunkLine } from './finding.js';

/**
 * Pure: which block each line belongs to, by brace depth within the lines given (an HCL block, a
 * JSON or HCL object). A line's block is the one its last opening brace opens (`resource "x" "y" {`,
 * `}, {`), else the one it stands in or closes (`}`); so a `secret_name` and a `plaintext_value`
 * of one `github_actions_secret` share a block, and two sibling objects of a list do not.
 *
 * A block opened within the lines has the index of its opening line as id (0 or more). Lines
 * outside every block opened here get a negative id, a new one each time a closing brace leaves a
 * block opened before the first line: those lines are only known to be between the same braces.
 * Braces inside double-quoted strings (`"${var.x}"`) are not counted. One pass over each line.
 */
export function blockIds(lines: readonly HunkLine[], closedAt?: Map<number, number>): number[] {
  const ids: number[] = [];
  const open: number[] = [];
  let outer = -1;
  lines.forEach((l, i) => {
    const before = open[open.length - 1] ?? outer;
    let lastIsOpen = false;
    forEachBrace(l.text, (opens) => {
      if (opens) open.push(i);
      else {
        const closed = open.pop();
        if (closed === undefined) outer--;
        else closedAt?.set(closed, i); // where each block opened here ends
      }
      lastIsOpen = opens;
    });
    ids.push(lastIsOpen ? (open[open.length - 1] as number) : before);
  });
  return ids;
}

/**
 * Pure: does text[at] stand inside braces that open and close on this same line (a one-line
 * object: `{ name = "AWS_SECRET_ACCESS_KEY", valueFrom = … },`)? Such an object is a block of
 * its own: a name in it labels nothing beyond it. Braces in double-quoted strings do not count.
 */
export function inOneLineObject(text: string, at: number): boolean {
  const open: number[] = [];
  let inside = false;
  forEachBrace(text, (opens, k) => {
    if (opens) return void open.push(k);
    const from = open.pop();
    if (from !== undefined && from < at && at < k) inside = true;
  });
  return inside;
}

/** Pure: the one-line objects of a line, as [open, close] brace positions, inner ones first. */
export function oneLineObjects(text: string): [number, number][] {
  const open: number[] = [];
  const objects: [number, number][] = [];
  forEachBrace(text, (opens, k) => {
    if (opens) return void open.push(k);
    const from = open.pop();
    if (from !== undefined) objects.push([from, k]);
  });
  return objects;
}

/** Calls `visit` for each brace of a line outside double-quoted strings (an escaped quote stays in one). */
function forEachBrace(text: string, visit: (opens: boolean, at: number) => void): void {
  let quoted = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x5c /* \ */ && quoted) k++;
    else if (c === 0x22 /* " */) quoted = !quoted;
    else if (!quoted && (c === 0x7b /* { */ || c === 0x7d /* } */)) visit(c === 0x7b, k);
  }
}
