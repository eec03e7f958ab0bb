import type { Finding, HunkLine } from './finding.js';
import { keyIdInfo } from './keyinfo.js';
import { oneLineObjects } from './blocks.js';
import { isAwsName, nameSpans, Surroundings, wordAround } from './pairing.js';
import { isPlaceholder, looksLikeSecretKey } from './placeholder.js';
import { fingerprint, redact } from './redact.js';
import { ruleMatches, ALLOW_MARKER, mayHoldKey, GENERIC_VALUE_NAMES, HASH_NAMES, KEY_ID_RULE, OTHER_CREDENTIAL_NAMES, RULES, type FileKind, type Rule } from './rules.js';
import { userinfoSecrets, type UserinfoSecret } from './userinfo.js';

interface Candidate {
  rule: Rule;
  index: number;
  value: string;
  /** the password of an AWS URL: its context is the URL itself */
  inUrl?: boolean;
}

/**
 * Pure: the findings in one window of a staged file — consecutive lines of one hunk, where
 * only `added` lines can yield findings and the others are context. The window may be any
 * length: in a small file (PAIRING_KINDS) a secret pairs with a key ID anywhere in it, and in any
 * file with a label or key ID anywhere in its block, so the more lines the reader gives, the more
 * of a pair is found.
 */
export function scanWindow(file: { path: string; kind: FileKind }, lines: readonly HunkLine[]): Finding[] {
  const findings = scanLines(file, lines);
  // A key written with escapes (`\u0041KIA…` in a Terraform or JSON string, `\/` in JSON) is the
  // same key to Terraform: the lines are read once more as the string would be, columns mapped back.
  if (lines.some((l) => l.added && l.text.includes('\\') && ESCAPE.test(l.text))) {
    const decoded = lines.map((l) => ({ line: l, ...unescape(l.text) }));
    const found = scanLines(file, decoded.map(({ line, text }) => ({ ...line, text })));
    for (const f of found) {
      const d = decoded.find((x) => x.line.line === f.line);
      findings.push(d === undefined ? f : { ...f, column: (d.from[f.column - 1 - (d.line.offset ?? 0)] ?? 0) + 1 + (d.line.offset ?? 0) });
    }
  }
  return findings;
}

const ESCAPE = /\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|\/)/;

/** A string's escapes read as Terraform and JSON read them; `from[i]` is where character i came from. */
function unescape(text: string): { text: string; from: number[] } {
  let out = '';
  const from: number[] = [];
  for (let i = 0; i < text.length; ) {
    const m = text.charCodeAt(i) === 0x5c ? /^\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(\/))/.exec(text.slice(i, i + 10)) : null;
    if (m === null) {
      out += text[i];
      from.push(i);
      i += 1;
      continue;
    }
    const code = m[3] !== undefined ? 0x2f : parseInt((m[1] ?? m[2]) as string, 16);
    const char = code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    out += char;
    for (let k = 0; k < char.length; k++) from.push(i);
    i += m[0].length;
  }
  return { text: out, from };
}

function scanLines(file: { path: string; kind: FileKind }, lines: readonly HunkLine[]): Finding[] {
  const around = new Surroundings(file.kind, lines);
  const findings: Finding[] = [];
  lines.forEach((l, i) => {
    // Most lines near a keyword hold nothing of any value's shape: one test, not one per rule.
    if (!l.added || !mayHoldKey(l.text)) return;
    const marked = l.text.includes(ALLOW_MARKER);
    if (marked && !l.text.includes('\r')) return;
    const taken = new Set<number>();
    for (const rule of RULES) {
      let names: LineNames | undefined;
      for (const c of candidates(rule, l.text)) {
        if (taken.has(c.index) || (marked && allowedAt(l.text, c.index)) || rule.notValues?.test(c.value) === true) continue;
        // The context first: it turns most values away at once (a hex digest is no secret key).
        if (rule.context === 'named' && !isNamed(c, around, i, (names ??= lineNames(rule, l.text)))) continue;
        if (isPlaceholder(c.value)) continue;
        taken.add(c.index);
        findings.push(toFinding(c, file, l));
      }
    }
  });
  return findings;
}

/** A value that is a piece of something else by what stands beside it (see Rule.notBeside). */
function isPiece(rule: Rule, c: Candidate, text: string): boolean {
  if (rule.notBeside === undefined) return false;
  const [before, after] = [text[c.index - 1] ?? '', text[c.index + c.value.length] ?? ''];
  return (before !== '' && rule.notBeside.includes(before)) || (after !== '' && rule.notBeside.includes(after));
}

/**
 * The allow marker silences its own line. Git ends lines at LF only; a file whose lines end in a
 * bare CR (old Mac style, which dotenv readers split) is one line to Git, so there the marker
 * silences only the CR-separated piece it stands in.
 */
function allowedAt(text: string, index: number): boolean {
  const end = text.indexOf('\r', index);
  return text.slice(text.lastIndexOf('\r', index) + 1, end < 0 ? text.length : end).includes(ALLOW_MARKER);
}

function candidates(rule: Rule, text: string): Candidate[] {
  // A URL's password first, decoded; the pattern's own matches inside it (`2Fab…` after a `%`) are not values.
  const passwords = rule.inUrls === true && text.includes('://') ? [...userinfoSecrets(text)] : [];
  const found: Candidate[] = passwords.map((u) => ({ rule, index: u.index, value: u.value, inUrl: true }));
  let p = 0; // both come in the order of the line: one walk
  for (const m of ruleMatches(rule, text)) {
    while (p < passwords.length && (passwords[p] as UserinfoSecret).index + (passwords[p] as UserinfoSecret).length <= m.index) p++;
    const u = passwords[p];
    if (u === undefined || m.index < u.index) found.push({ rule, index: m.index, value: m[1] as string });
  }
  return found;
}

/** A line's credential names, and its one-line objects when it has names (worked out once a line). */
interface LineNames {
  spans: [number, number][];
  objects: [number, number][];
}

function lineNames(rule: Rule, text: string): LineNames {
  const spans = nameSpans(rule, text);
  return { spans, objects: spans.length > 0 && text.includes('{') ? oneLineObjects(text) : [] };
}

/** Does the context make this 'named' candidate a credential? `names`: the line's credential names. */
function isNamed(c: Candidate, around: Surroundings, i: number, names: LineNames): boolean {
  const { rule, value } = c;
  if (rule.selfEvident?.test(value)) return true;
  const isSecretKey = rule.id === 'aws-secret-access-key';
  if (isSecretKey && !looksLikeSecretKey(value, c.inUrl === true)) return false;
  if (c.inUrl === true) return true;
  const text = (around.lines[i] as HunkLine).text;
  const end = c.index + value.length;
  // Only the tail before the value: bounded, so a line of many values stays linear.
  const before = text.slice(Math.max(0, c.index - 160), c.index);
  const ownName = lastName(before);
  // A name on the same line (never inside the value), not one inside a one-line object that does
  // not hold the value. A value whose own name says it is another credential (`cookie_secret`)
  // is named by that: other names on its line are about other values.
  const ownAt = ownName === undefined ? -1 : c.index - before.length + before.lastIndexOf(ownName);
  const ownInName = names.spans.some(([, e]) => e > ownAt && e <= c.index); // `session token: …`
  const ownSpeaks = ownName !== undefined && !ownInName && OWN_CREDENTIAL_NAMES.test(ownName) && !VALUE_SLOTS.test(ownName) && rule.names?.test(ownName) !== true;
  const name = ownSpeaks ? undefined : sameLineName(names, c.index, end);
  if (name !== undefined) {
    const word = name[0] < c.index ? wordAround(text, name[0], name[1], 0, c.index) : wordAround(text, name[0], name[1], end, text.length);
    // a dotted or base64url token under a name without AWS in it is some other token (NextAuth's)
    if (isPiece(rule, c, text) && !/aws|amz|amazon/i.test(word)) return false;
    if (isAwsName(rule, word, around.kind === 'dotenv') || around.keyIdPairs(i)) return true;
    // prose that is not AWS's ("# the app's secret key") leaves the value to its block and labels
    if (!/\s/.test(word)) return false;
  }
  // the provider's `token` (or `--token`) before the value, unless the value has another name of its own
  const ownIsOther = ownName !== undefined && !GENERIC_VALUE_NAMES.test(ownName) && !/token/i.test(ownName);
  if (!ownIsOther && rule.providerNames?.kinds.includes(around.kind) && rule.providerNames.name.test(before) && !isPiece(rule, c, text)) return true;
  if (ownName !== undefined && HASH_NAMES.test(ownName)) return false;
  // A label on a line just above or below: `name = "AWS_SECRET_ACCESS_KEY"` next to `value = "…"`.
  if ((ownName === undefined || GENERIC_VALUE_NAMES.test(ownName)) && around.labelNear(rule, i)) return true;
  // Beyond that, only a value of a key's full shape: under a label anywhere in its block, or
  // beside a key ID when its own name does not say it is some other credential.
  if (isSecretKey && !looksLikeSecretKey(value, true)) return false;
  if (around.labelInBlock(rule, i)) return true;
  if (ownName !== undefined && OTHER_CREDENTIAL_NAMES.test(ownName) && !/aws/i.test(ownName)) return false;
  return rule.pairsWithKeyId === true && around.keyIdPairs(i);
}

/** A value's own name that says it is some other credential: `cookie_secret`, `jwt_key`, `db_password`. */
const OWN_CREDENTIAL_NAMES = /secret|token|passw|pwd|jwt|cookie|salt|sign|csrf|webhook|api[_-]?key/i;
/** Names of a slot that holds whatever value it is given: `plaintext_value`, `secret_string`, `valueFrom`. */
const VALUE_SLOTS = /^(?:(?:plaintext|insecure|encrypted|string|secret)[_-]?(?:value|string|data)|plaintext|value[_-]?from|secret|password|key|credentials?)$/i;

/** The first name on the line outside the value, not one inside a one-line object that does not hold the value. */
function sameLineName(names: LineNames, start: number, end: number): [number, number] | undefined {
  // the innermost one-line object around the name (the first found: inner ones close first) holds the value
  const holdsValue = ([at]: [number, number]) => {
    const object = names.objects.find(([from, to]) => from < at && at < to);
    return object === undefined || (object[0] < start && start < object[1]);
  };
  return names.spans.find(([s, e]) => (e <= start || s >= end) && holdsValue([s, e]));
}

/** The name assigned to on this line, before the value: `foo = "`, `"foo": "`, `export FOO=`. */
function lastName(before: string): string | undefined {
  // Only the tail: a bounded input keeps this anchored pattern linear on a 10 MB line.
  const m = /["']?([A-Za-z_][\w.-]{0,100})["']?\s{0,20}(?::=|=>|=|:)\s{0,20}["'`]?\s{0,20}$/.exec(before.slice(-160));
  return m?.[1];
}

function toFinding(c: Candidate, file: { path: string; kind: FileKind }, l: HunkLine): Finding {
  let print: string | undefined;
  const finding: Finding = {
    rule: c.rule.id,
    title: c.rule.title,
    file: file.path,
    fileKind: file.kind,
    line: l.line,
    column: c.index + 1 + (l.offset ?? 0),
    redacted: redact(c.value, c.rule.id),
    // Worked out when asked for (a baseline, JSON, SARIF): hashing loads node:crypto, which costs a
    // blocked commit more than its whole scan.
    get fingerprint() {
      return (print ??= fingerprint(c.rule.id, file.path, c.value));
    },
  };
  if (c.rule.id === KEY_ID_RULE.id) finding.keyId = keyIdInfo(c.value);
  return finding;
}
