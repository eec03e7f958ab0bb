import { blockIds, inOneLineObject } from './blocks.js';
import type { HunkLine } from './finding.js';
import { isPlaceholder } from './placeholder.js';
import { allMatches, KEY_ID_RULE, OTHER_CREDENTIAL_NAMES, ruleMatches, PAIRING_KINDS, WINDOW, type FileKind, type Rule } from './rules.js';

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
      const label = labelOf(rule, text, asValue);
      // a name inside a one-line object labels only that object, never its siblings
      cache[j] = label !== undefined && inOneLineObject(text, text.indexOf(label)) ? undefined : label;
    }
    return cache[j];
  }
}

/** A value that is a whole reference to another: `${AWS_SECRET}`, `$AWS_SECRET`, `var.aws_secret_key`. */
const REFERENCE = /^(?:\$\{?[A-Za-z_]\w*\}?|(?:var|local|data|module)\.[\w.[\]"-]+)\s*(?:#.*|\/\/.*)?$/;
/** A complete, non-empty value of its own: a closed string, a number, a word or a reference. */
const COMPLETE_VALUE = /^(?:"[^"]+"|'[^']+'|[\w.$-][\w.$[\]{}-]*)\s*,?\s*(?:#.*|\/\/.*)?$/;

/** Words in prose that give a secret key another use than AWS's. */
const OTHER_USES = /sign|cookie|session|flask|django|rails|laravel|jwt|csrf|stripe|recaptcha|encrypt|webhook|passw/i;

/**
 * The credential name a line holds but no value of the rule's shape. With `asValue`, only a
 * name held as a value or a block label: `secret_name = "AWS_SECRET_ACCESS_KEY"`,
 * `"name": "aws_secret_key"`, `variable "aws_secret_key" {`; a comment or another attribute's
 * name does not label a block.
 */
function labelOf(rule: Rule, text: string, asValue: boolean): string | undefined {
  if (rule.names === undefined || holdsValue(rule, text)) return undefined;
  const head = text.slice(0, 300);
  const assigned = /^[\s{[,]*(?:export\s+)?["']?[A-Za-z_][\w.-]{0,100}["']?\s{0,20}(?::=|=|:)\s{0,20}/.exec(head);
  if (!asValue) {
    // A name given a complete value of its own (`aws_secret_key = var.x`, `AWS_SECRET_ACCESS_KEY=
    // ${AWS_SECRET}`) is an assignment, not a label for the lines around it; one whose value is
    // empty, opens a block, a call or a heredoc, or goes on, still labels them.
    const rest = assigned === null ? '' : text.slice(assigned[0].length).trim();
    if (assigned === null || !COMPLETE_VALUE.test(rest)) return nameIn(rule, text, 0, text.length);
    return REFERENCE.test(rest) ? undefined : nameIn(rule, text, assigned[0].length, text.length);
  }
  if (assigned !== null) return REFERENCE.test(head.slice(assigned[0].length).trim()) ? undefined : nameIn(rule, head, assigned[0].length, head.length);
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
 * `AWS_SECRET_ACCESS_KEY` around `SECRET_ACCESS_KEY`, and a name in prose with the words around
 * it. Bounded: at most 60 characters each way.
 */
export function wordAround(text: string, start: number, end: number, from: number, to: number): string {
  // a name in prose ("secret key") keeps the words around it: "the AWS secret key", "secret key used to sign cookies"
  const prose = /\s/.test(text.slice(start, end));
  const head = (prose ? /[A-Za-z0-9_.() -]{0,24}$/ : /[A-Za-z0-9_.-]{0,60}$/).exec(text.slice(Math.max(from, start - 60), start))?.[0] ?? '';
  const tail = (prose ? /^[A-Za-z0-9_.() -]{0,40}/ : /^[A-Za-z0-9_.-]{0,60}/).exec(text.slice(end, Math.min(to, end + 60)))?.[0] ?? '';
  return head + text.slice(start, end) + tail;
}

/**
 * Does this credential name say AWS? An attribute in Terraform that is the name itself
 * (`secret_key`, `secret_access_key`) does; any other name needs one of the rule's AWS words:
 * `AWS_SECRET_ACCESS_KEY` and `aws_secret_key` do, a web framework's `SECRET_KEY` or a
 * `recaptcha_secret_key` do not (a key ID beside them still pairs).
 */
export function isAwsName(rule: Rule, name: string, envName: boolean): boolean {
  // another credential's name that merely has "access" in it: JWT_ACCESS_SECRET_KEY
  if (rule.id === 'aws-secret-access-key' && OTHER_CREDENTIAL_NAMES.test(name) && !/aws|amazon|s3/i.test(name)) return false;
  if (rule.awsWords === undefined || rule.awsWords.test(name)) return true;
  if (envName || !/[a-z]/.test(name)) return false;
  // A lower-case attribute: the provider's own `secret_key` says AWS; a name that adds another
  // product's word (`recaptcha_secret_key`, `django_secret_key`) does not, unless a key ID pairs.
  // Prose ("secret key of the IAM user") is AWS's unless it names another use ("used to sign cookies").
  if (/\s/.test(name)) return !OTHER_USES.test(name);
  return rule.names?.exec(name)?.[0].length === name.replace(/^["'`]+|["'`]+$/g, '').length;
}
