import type { Finding, HunkLine } from './finding.js';
import { keyIdInfo } from './keyinfo.js';
import { isPlaceholder, looksLikeSecretKey } from './placeholder.js';
import { fingerprint, redact } from './redact.js';
import { ALLOW_MARKER, GENERIC_VALUE_NAMES, HASH_NAMES, KEY_ID_RULE, RULES, WINDOW, type FileKind, type Rule } from './rules.js';

interface Candidate {
  rule: Rule;
  index: number;
  value: string;
}

/**
 * Pure: the findings in one window of a staged file — consecutive lines of one hunk, where
 * only `added` lines can yield findings and the others are context.
 */
export function scanWindow(file: { path: string; kind: FileKind }, lines: readonly HunkLine[]): Finding[] {
  const keyIdLines = new Set<number>();
  lines.forEach((l, i) => {
    for (const m of l.text.matchAll(KEY_ID_RULE.pattern)) if (!isPlaceholder(m[1] as string)) keyIdLines.add(i);
  });
  const nearKeyId = (i: number): boolean => {
    for (const j of keyIdLines) if (Math.abs(j - i) <= WINDOW) return true;
    return false;
  };

  const findings: Finding[] = [];
  lines.forEach((l, i) => {
    if (!l.added || l.text.includes(ALLOW_MARKER)) return;
    const taken = new Set<number>();
    for (const rule of RULES) {
      for (const c of candidates(rule, l.text)) {
        if (taken.has(c.index) || isPlaceholder(c.value)) continue;
        if (rule.context === 'named' && !isNamed(c, file.kind, lines, i, nearKeyId(i))) continue;
        taken.add(c.index);
        findings.push(toFinding(c, file, l));
      }
    }
  });
  return findings;
}

function* candidates(rule: Rule, text: string): Generator<Candidate> {
  for (const m of text.matchAll(rule.pattern)) yield { rule, index: m.index, value: m[1] as string };
}

/** Does the context make this 'named' candidate a credential? */
function isNamed(c: Candidate, kind: FileKind, lines: readonly HunkLine[], i: number, keyIdNear: boolean): boolean {
  const { rule, value } = c;
  if (rule.selfEvident?.test(value)) return true;
  const isSecretKey = rule.id === 'aws-secret-access-key';
  if (isSecretKey && !looksLikeSecretKey(value, false)) return false;
  const text = (lines[i] as HunkLine).text;
  const before = text.slice(0, c.index);
  const rest = before + text.slice(c.index + value.length);
  if (rule.names?.test(rest)) return true;
  if (rule.providerNames?.kinds.includes(kind) && rule.providerNames.name.test(before)) return true;
  const ownName = lastName(before);
  if (ownName !== undefined && HASH_NAMES.test(ownName)) return false;
  if (ownName === undefined || GENERIC_VALUE_NAMES.test(ownName)) {
    for (let j = Math.max(0, i - WINDOW); j <= Math.min(lines.length - 1, i + WINDOW); j++) {
      if (j !== i && isLabelLine(rule, (lines[j] as HunkLine).text)) return true;
    }
  }
  return rule.pairsWithKeyId === true && keyIdNear && looksLikeSecretKey(value, true);
}

/** A line that names a credential but holds no value of that rule's shape: `name = "AWS_SECRET_ACCESS_KEY"`. */
function isLabelLine(rule: Rule, text: string): boolean {
  if (!rule.names?.test(text)) return false;
  rule.pattern.lastIndex = 0;
  return !rule.pattern.test(text);
}

/** The name assigned to on this line, before the value: `foo = "`, `"foo": "`, `export FOO=`. */
function lastName(before: string): string | undefined {
  // Only the tail: a bounded input keeps this anchored pattern linear on a 10 MB line.
  const m = /["']?([A-Za-z_][\w.-]{0,100})["']?\s{0,20}(?::=|=>|=|:)\s{0,20}["'`]?\s{0,20}$/.exec(before.slice(-160));
  return m?.[1];
}

function toFinding(c: Candidate, file: { path: string; kind: FileKind }, l: HunkLine): Finding {
  const finding: Finding = {
    rule: c.rule.id,
    title: c.rule.title,
    file: file.path,
    fileKind: file.kind,
    line: l.line,
    column: c.index + 1,
    redacted: redact(c.value, c.rule.id),
    fingerprint: fingerprint(c.rule.id, file.path, c.value),
  };
  if (c.rule.id === KEY_ID_RULE.id) finding.keyId = keyIdInfo(c.value);
  return finding;
}
