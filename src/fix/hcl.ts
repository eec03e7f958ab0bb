/**
 * Pure: just enough of HCL's layout to rewrite a key's line with certainty. For each line it
 * tells which blocks are open where the line starts, and whether the line starts in plain code
 * (not inside a string, a comment or a heredoc). Anything it does not understand makes the whole
 * file "uncertain" (undefined), and fix then leaves the file alone.
 */

/** One open `{`: the text before it on its line (`provider "aws"`, `inputs =`) and a unique id. */
export interface OpenBlock {
  header: string;
  id: number;
}

export interface LineLayout {
  /** the blocks open at the start of the line, outermost first */
  blocks: readonly OpenBlock[];
  /** the line starts in code: not inside a string, a block comment or a heredoc */
  plain: boolean;
}

type Frame = { kind: 'block'; block: OpenBlock } | { kind: 'string' } | { kind: 'template' };

/** The layout of every line (index 0 is line 1), or undefined when the braces do not add up. */
export function readLayout(lines: readonly string[]): LineLayout[] | undefined {
  const stack: Frame[] = [];
  const layout: LineLayout[] = [];
  let inComment = false; // inside /* … */
  let heredoc: string | undefined; // the closing word of the heredoc being read
  let nextId = 0;
  for (const line of lines) {
    const blocks = stack.flatMap((f) => (f.kind === 'block' ? [f.block] : []));
    const top = stack[stack.length - 1];
    layout.push({ blocks, plain: !inComment && heredoc === undefined && top?.kind !== 'string' && top?.kind !== 'template' });
    if (heredoc !== undefined) {
      if (line.trim() === heredoc) heredoc = undefined;
      continue;
    }
    for (let i = 0; i < line.length; i++) {
      const ch = line[i] as string;
      const two = line.slice(i, i + 2);
      const frame = stack[stack.length - 1];
      if (inComment) {
        if (two === '*/') {
          inComment = false;
          i++;
        }
      } else if (frame?.kind === 'string') {
        if (ch === '\\') i++;
        else if (ch === '"') stack.pop();
        else if ((two === '${' || two === '%{') && line[i - 1] !== two[0]) {
          stack.push({ kind: 'template' }); // `$${` is a literal `${`
          i++;
        }
      } else if (ch === '#' || two === '//') {
        break;
      } else if (two === '/*') {
        inComment = true;
        i++;
      } else if (ch === '"') {
        stack.push({ kind: 'string' });
      } else if (two === '<<') {
        const m = /^<<-?([A-Za-z_][\w-]*)\s*$/.exec(line.slice(i));
        if (m === null) return undefined;
        heredoc = m[1];
        break;
      } else if (ch === '{') {
        stack.push({ kind: 'block', block: { header: line.slice(0, i).trim().replace(/\s+/g, ' '), id: nextId++ } });
      } else if (ch === '}') {
        if (frame === undefined) return undefined;
        stack.pop();
      }
    }
    // A string never spans lines in HCL; an open one means we misread the line.
    if (stack[stack.length - 1]?.kind === 'string') return undefined;
  }
  return stack.length === 0 && !inComment && heredoc === undefined ? layout : undefined;
}

/** `name = "value"` alone on its line (a trailing # or // comment allowed; `,` in an object). */
const ASSIGNMENT = /^([ \t]*)([A-Za-z_][\w-]*)([ \t]*)(=|:)[ \t]*"([^"\\$%]*)"[ \t]*,?[ \t]*(?:(?:#|\/\/).*)?$/;

export interface Assignment {
  indent: string;
  name: string;
  /** the name and the spaces after it, to align what replaces it */
  nameWidth: number;
  value: string;
}

/** Pure: the assignment on a line, if the line is exactly one literal assignment. */
export function readAssignment(line: string): Assignment | undefined {
  const m = ASSIGNMENT.exec(line);
  if (m === null) return undefined;
  const [, indent = '', name = '', spaces = '', , value = ''] = m;
  return { indent, name, nameWidth: name.length + spaces.length, value };
}

/** Any assignment to `name` on a line (whatever its value), to see what else a block sets. */
export function assignedName(line: string): string | undefined {
  return /^[ \t]*([A-Za-z_][\w-]*)[ \t]*=/.exec(line)?.[1];
}

/** The innermost open block of a layout line, as its kind: provider "aws", backend "s3", a variable or inputs. */
export function blockKind(layout: LineLayout): 'provider' | 'backend' | 'variable' | 'inputs' | 'top' | undefined {
  const headers = layout.blocks.map((b) => b.header);
  if (headers.length === 0) return 'top';
  if (headers.length === 1 && VARIABLE.test(headers[0] as string)) return 'variable';
  if (headers.length === 1 && /^provider "?aws"?$/.test(headers[0] as string)) return 'provider';
  if (headers.length === 2 && headers[0] === 'terraform' && /^backend "?s3"?$/.test(headers[1] as string)) return 'backend';
  if (headers.length === 1 && /^inputs ?=$/.test(headers[0] as string)) return 'inputs';
  return undefined;
}

/** A variable block's header; group 1 is its name. */
export const VARIABLE = /^variable "?([A-Za-z_][\w-]*)"?$/;
