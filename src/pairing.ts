import { blockIds, inOneLineObject, oneLineObjects } from './blocks.js';
import type { HunkLine } from './finding.js';
import { isPlaceholder } from './placeholder.js';
import { allMatches, KEY_ID_RULE, ruleMatches, PAIRING_KINDS, WINDOW, type FileKind, type Rule } from './rules.js';

/**
 * Pure: what the lines of one window say around a value, each worked out once per window (so a
 * window of any length costs time linear in its text): where the access key IDs are, which block
 * each line belongs to, and which lines are labels (they name a credential but hold no value).
 */
export class Surroundings {
  private readonly labels = new Map<string, (string | undefined)[]>();
  private readonly blockLabels = new Map<string, Map<number, { aws: boolean; any: boolean }>>();
  /** Worked out on first use: most windows hold no value that needs them. */
  private facts: { blocks: number[]; closedAt: Map<number, number>; keyIdNear: boolean[]; keyIdBlocks: Set<number> } | undefined;

  constructor(
    readonly kind: FileKind,
    readonly lines: readonly HunkLine[],
  ) {}

  private get known(): { blocks: number[]; closedAt: Map<number, number>; keyIdNear: boolean[]; keyIdBlocks: Set<number> } {
    if (this.facts !== undefined) return this.facts;
    const lines = this.lines;
    const closedAt = new Map<number, number>();
    const blocks = blockIds(lines, closedAt);
    const keyIdNear = lines.map(() => false);
    const keyIdBlocks = new Set<number>();
    lines.forEach((l, j) => {
      for (const m of ruleMatches(KEY_ID_RULE, l.text)) {
        if (isPlaceholder(m[1] as string)) continue;
        for (let k = Math.max(0, j - WINDOW); k <= Math.min(lines.length - 1, j + WINDOW); k++) keyIdNear[k] = true;
        keyIdBlocks.add(blocks[j] as number);
      }
    });
    return (this.facts = { blocks, closedAt, keyIdNear, keyIdBlocks });
  }

  /**
   * Is an access key ID near enough to pair with the value on line i: anywhere in the lines of a
   * small file (PAIRING_KINDS), in the same block (one opened within the lines), or within WINDOW
   * lines?
   */
  keyIdPairs(i: number): boolean {
    const { blocks, keyIdNear, keyIdBlocks } = this.known;
    if (PAIRING_KINDS.includes(this.kind)) return keyIdBlocks.size > 0;
    const block = blocks[i] as number;
    return keyIdNear[i] === true || (block >= 0 && keyIdBlocks.has(block));
  }

  /**
   * Is a label within WINDOW lines of line i, in a block that is still open between them (a name
   * in one `variable` block does not reach the `default` of the next), and is it AWS's (or is a
   * key ID near)?
   */
  labelNear(rule: Rule, i: number): boolean {
    for (let j = Math.max(0, i - WINDOW); j <= Math.min(this.lines.length - 1, i + WINDOW); j++) {
      const label = j === i ? undefined : this.label(rule, j, false);
      // the blocks are worked out only for a line that holds a label
      if (label !== undefined && !this.closedBetween(j, i) && (isAwsName(rule, label, false) || this.keyIdPairs(i))) return true;
    }
    return false;
  }

  /** Whether the block the earlier of lines a and b stands in (one opened within the lines) ends before the later. */
  private closedBetween(a: number, b: number): boolean {
    const [first, last] = a < b ? [a, b] : [b, a];
    const block = this.known.blocks[first] as number;
    const end = block >= 0 ? this.known.closedAt.get(block) : undefined;
    return end !== undefined && end < last;
  }

  /**
   * Is a credential name held as a value in the same block as line i, whatever the attributes
   * are called (`secret_name = "AWS_SECRET_ACCESS_KEY"` then `plaintext_value = "…"`)? Outside
   * every block opened within the lines, only within WINDOW lines.
   */
  labelInBlock(rule: Rule, i: number): boolean {
    const blocks = this.known.blocks;
    const block = blocks[i] as number;
    if (block < 0) {
      for (let j = Math.max(0, i - WINDOW); j <= Math.min(this.lines.length - 1, i + WINDOW); j++) {
        const label = blocks[j] === block ? this.label(rule, j, true) : undefined;
        if (label !== undefined && (isAwsName(rule, label, false) || this.keyIdPairs(i))) return true;
      }
      return false;
    }
    const labels = this.labelsByBlock(rule).get(block);
    return labels !== undefined && (labels.aws || (labels.any && this.keyIdPairs(i)));
  }

  private labelsByBlock(rule: Rule): Map<number, { aws: boolean; any: boolean }> {
    let byBlock = this.blockLabels.get(rule.id);
    if (byBlock === undefined) {
      byBlock = new Map();
      for (let j = 0; j < this.lines.length; j++) {
        const label = this.label(rule, j, true);
        if (label === undefined) continue;
        const block = this.known.blocks[j] as number;
        const seen = byBlock.get(block) ?? { aws: false, any: false };
        byBlock.set(block, { aws: seen.aws || isAwsName(rule, label, false), any: true });
      }
      this.blockLabels.set(rule.id, byBlock);
    }
    return byBlock;
  }

  private label(rule: Rule, j: number, asValue: boolean): string | undefined {
    const key = `${rule.id}:${asValue}`;
    let cache = this.labels.get(key);
    if (cache === undefined) this.labels.set(key, (cache = []));
    if (!(j in cache)) {
      const text = (this.lines[j] as HunkLine).text;
      const label = labelOf(rule, text, asValue, this.kind === 'dotenv');
      // a name inside a one-line object labels only that object, never its siblings; a block
      // header whose block closes on its line (`variable "aws_secret_key" {}`) labels nothing
      const at = label === undefined ? -1 : text.indexOf(label);
      const closedHeader = () => HEADER.test(text) && oneLineObjects(text).some(([from]) => from > at);
      cache[j] = label !== undefined && (inOneLineObject(text, at) || closedHeader()) ? undefined : label;
    }
    return cache[j];
  }
}

/** A value that refers to another: `${AWS_SECRET}`, `$AWS_SECRET`, `var.aws_secret_key`. */
const REFERENCE = /^["']?(?:\$|(?:var|local|data|module)\.)/;

/** A block header: `variable "x" {`, `resource "a" "b" {`. */
const HEADER = /^\s*[A-Za-z_][\w-]{0,60}(?:\s{1,20}"[^"]{0,100}"){1,2}\s{0,20}\{/;

/**
 * The credential name a line holds but no value of the rule's shape. With `asValue`, only a
 * name held as a value or a block label: `secret_name = "AWS_SECRET_ACCESS_KEY"`,
 * `"name": "aws_secret_key"`, `variable "aws_secret_key" {`; a comment or another attribute's
 * name does not label a block.
 */
function labelOf(rule: Rule, text: string, asValue: boolean, dotenv: boolean): string | undefined {
  if (rule.names === undefined || holdsValue(rule, text)) return undefined;
  const head = text.slice(0, 300);
  const assigned = /^[\s{[,]*(?:export\s+)?["']?[A-Za-z_][\w.-]{0,100}["']?\s{0,20}(?::=|=|:)\s{0,20}/.exec(head);
  if (!asValue) {
    // A name given a value of its own (`AWS_SECRET_ACCESS_KEY=`, empty in a dotenv file, or
    // `aws_secret_key = ""`) is an assignment, not a label; one that opens a block still labels it.
    // Nor is a reference to a name (`${AWS_SECRET}`, `var.aws_secret_key`): it holds another value.
    const rest = assigned === null ? '' : text.slice(assigned[0].length).trim();
    const ownValue = assigned !== null && (dotenv || (rest !== '' && !/^(?:[{[(]|<<)/.test(rest)));
    if (ownValue && REFERENCE.test(rest)) return undefined;
    return ownValue ? nameIn(rule, text, (assigned as RegExpExecArray)[0].length, text.length) : nameIn(rule, text, 0, text.length);
  }
  if (assigned !== null) return REFERENCE.test(head.slice(assigned[0].length)) ? undefined : nameIn(rule, head, assigned[0].length, head.length);
  const header = /^\s*[A-Za-z_][\w-]{0,60}((?:\s{1,20}"[^"]{0,100}"){1,2})\s{0,20}\{/.exec(head);
  return header === null ? undefined : nameIn(rule, header[1] as string, 0, (header[1] as string).length);
}

/** Does the line hold a value of the rule's shape? */
function holdsValue(rule: Rule, text: string): boolean {
  return ruleMatches(rule, text).length > 0;
}

/** Each rule's credential names as a global pattern, for finding every name on a line once. */
const GLOBAL_NAMES = new WeakMap<Rule, RegExp>();

/** Where the rule's credential names stand on a line: [start, end] pairs, in one pass. */
export function nameSpans(rule: Rule, text: string): [number, number][] {
  if (rule.names === undefined) return [];
  let names = GLOBAL_NAMES.get(rule);
  if (names === undefined) GLOBAL_NAMES.set(rule, (names = new RegExp(rule.names.source, 'gi')));
  return allMatches(names, text).map((m) => [m.index, m.index + m[0].length]);
}

/** The first credential name in text[from, to), as the whole word around it (see wordAround). */
function nameIn(rule: Rule, text: string, from: number, to: number): string | undefined {
  const span = nameSpans(rule, text.slice(from, to))[0];
  return span === undefined ? undefined : wordAround(text, span[0] + from, span[1] + from, from, to);
}

/**
 * The whole word around a credential name at text[start, end), within [from, to):
 * `AWS_SECRET_ACCESS_KEY` around `SECRET_ACCESS_KEY`, a path whole (`/app/prod/secret_key` is
 * a parameter's name, not the provider's `secret_key`), and a name in prose with the words
 * before it. Bounded: at most 60 characters each way.
 */
export function wordAround(text: string, start: number, end: number, from: number, to: number): string {
  // a name in prose ("secret key") keeps the words just before it: "the AWS secret key"
  const head = (/\s/.test(text.slice(start, end)) ? /[A-Za-z0-9_./ -]{0,24}$/ : /[A-Za-z0-9_./-]{0,60}$/).exec(text.slice(Math.max(from, start - 60), start))?.[0] ?? '';
  const tail = /^[A-Za-z0-9_./-]{0,60}/.exec(text.slice(end, Math.min(to, end + 60)))?.[0] ?? '';
  return head + text.slice(start, end) + tail;
}

/**
 * Does this credential name say AWS? An attribute in Terraform that is the name itself
 * (`secret_key`, `secret_access_key`) does; any other name needs one of the rule's AWS words:
 * `AWS_SECRET_ACCESS_KEY` and `aws_secret_key` do, a web framework's `SECRET_KEY` or a
 * `recaptcha_secret_key` do not (a key ID beside them still pairs).
 */
export function isAwsName(rule: Rule, name: string, envName: boolean): boolean {
  if (rule.awsWords === undefined || rule.awsWords.test(name)) return true;
  if (envName || !/[a-z]/.test(name)) return false;
  // A lower-case attribute: the provider's own `secret_key` says AWS; a name that adds another
  // product's word (`recaptcha_secret_key`, `django_secret_key`) does not, unless a key ID pairs.
  // (a name with a space in it is prose: "Secret key used to sign cookies")
  return !/\s/.test(name) && rule.names?.exec(name)?.[0].length === name.replace(/^["'`]+|["'`]+$/g, '').length;
}
