import type { Paint } from '../colors.js';
import type { Messages } from '../messages/index.js';
import { redact } from '../redact.js';
import { KEY_ID_RULE } from '../rules.js';
import { displayPath } from '../shell.js';
import { exampleName } from './dotenv.js';
import type { FixPlan } from './plan.js';

/** Layout only: what fix will do, as a list, and every change as a diff with values redacted. */

export function renderPlan(plan: FixPlan, credentialsFile: string, m: Messages, c: Paint): string[] {
  const f = m.fix;
  const out: string[] = [];
  const item = (text: string) => out.push(`  - ${text}`);
  for (const a of plan.profiles.added) item(f.profileNew(a.name, credentialsFile));
  for (const name of plan.profiles.reused) item(f.profileReused(name, credentialsFile));
  for (const fix of plan.files) {
    const file = displayPath(fix.file);
    if (fix.kind === 'rewrite') {
      for (const p of fix.profiles) item(f.useProfile(`${file}:${p.line}`, p.profile));
      if (fix.keptIn !== undefined) {
        item(f.removeLines(file, [...new Set(fix.moved.map((r) => r.name))].join(', ')));
        item(f.keptIn(displayPath(fix.keptIn)));
      }
    } else if (fix.kind === 'untrack') {
      item(fix.committed ? f.restore(file) : f.untrack(file));
      if (fix.example) item(f.example(displayPath(fix.example.path)));
      else if (fix.fileKind === 'dotenv') item(f.exampleTaken(displayPath(fix.file.replace(/[^/]*$/, (name) => exampleName(name)))));
    }
  }
  if (plan.gitignore.add.length > 0) item(f.gitignore(plan.gitignore.add.join('  ')));
  if (plan.gitignore.add.length > 0 && !plan.gitignore.stage) item(f.gitignoreNotStaged);
  if (out.length > 0) out.unshift(c.bold(f.planTitle)); // no title over an empty list
  const left = plan.files.filter((x) => x.kind === 'leave');
  if (left.length > 0) {
    if (out.length > 0) out.push('');
    out.push(c.bold(f.leaveTitle));
    for (const x of left) out.push(`  ${c.bold(x.line > 0 ? `${displayPath(x.file)}:${x.line}` : displayPath(x.file))}  ${f.why[x.why] ?? x.why}`);
  }
  return out;
}

/** Every change as a unified-style diff, each raw value replaced by its redacted form. */
export function renderDiff(plan: FixPlan, credentialsFile: string, c: Paint): string[] {
  const hide = redactor(plan.values);
  const out: string[] = [];
  const file = (name: string, before: string, after: string, more = (l: string) => l) => {
    out.push(c.bold(`--- ${name}`), c.bold(`+++ ${name}`));
    for (const line of lineDiff(before, after)) {
      const l = more(hide(line));
      out.push(l.startsWith('-') ? c.red(l) : l.startsWith('+') ? c.cyan(l) : c.dim(l));
    }
  };
  // The credentials file holds other keys too: every secret or token in it shows its start only.
  if (plan.profiles.added.length > 0) file(credentialsFile, plan.profiles.text, plan.profiles.newText(), hideIniSecrets);
  for (const t of plan.autoTfvars) file(displayPath(t.path), t.before, t.after);
  for (const fix of plan.files) {
    if (fix.kind === 'rewrite') file(displayPath(fix.file), fix.before.toString('utf8'), fix.after.toString('utf8'));
    if (fix.kind === 'untrack') out.push(c.cyan(`${fix.committed ? 'git restore --staged' : 'git rm --cached'} -- ${displayPath(fix.file)}`));
    if (fix.kind === 'untrack' && fix.example) file(displayPath(fix.example.path), '', fix.example.text);
  }
  if (plan.gitignore.add.length > 0) file('.gitignore', plan.gitignore.before, plan.gitignore.after);
  return out;
}

/** An INI line (`aws_secret_access_key = …`, `aws_session_token=…`) with its value cut to its start. */
function hideIniSecrets(line: string): string {
  return line.replace(/^([-+ ] \s*[\w.-]*(?:secret|token)[\w.-]*\s*=\s*)(\S.*)$/i, (_, name: string, value: string) => `${name}${value.includes('…') ? value : redact(value, 'secret')}`);
}

/** Replaces each known raw value, and anything else key-shaped, by its redacted form. */
export function redactor(values: readonly { value: string; rule: string }[]): (text: string) => string {
  const known = [...values].sort((a, b) => b.value.length - a.value.length);
  return (text) => {
    let t = text;
    for (const { value, rule } of known) t = t.split(value).join(redact(value, rule));
    return t.replace(KEY_ID_RULE.pattern, (v) => redact(v, KEY_ID_RULE.id));
  };
}

/** Pure: the changed lines of two texts, each hunk with one line of context and its line number. */
export function lineDiff(before: string, after: string): string[] {
  const a = before === '' ? [] : before.replace(/\r?\n$/, '').split(/\r?\n/);
  const b = after === '' ? [] : after.replace(/\r?\n$/, '').split(/\r?\n/);
  // fix only removes, replaces and appends lines: a common head and tail leave a small middle.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [
    ...a.slice(0, head).map((text): Op => ({ mark: ' ', text })),
    ...middleDiff(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...a.slice(a.length - tail).map((text): Op => ({ mark: ' ', text })),
  ];
  const isChange = (op: Op | undefined) => op !== undefined && op.mark !== ' ';
  const out: string[] = [];
  let line = 0; // the line of `before` each op stands at
  let shown = -2;
  ops.forEach((op, i) => {
    if (op.mark !== '+') line++;
    if (op.mark === ' ' && !isChange(ops[i - 1]) && !isChange(ops[i + 1])) return;
    if (shown !== i - 1) out.push(`@@ line ${Math.max(op.mark === '+' ? line + 1 : line, 1)}`);
    out.push(`${op.mark} ${op.text}`);
    shown = i;
  });
  return out;
}

interface Op {
  mark: ' ' | '-' | '+';
  text: string;
}

/** The longest common subsequence of two short line lists, as kept, removed and added lines. */
function middleDiff(a: readonly string[], b: readonly string[]): Op[] {
  if (a.length * b.length > 4_000_000) return [...a.map((text): Op => ({ mark: '-', text })), ...b.map((text): Op => ({ mark: '+', text }))];
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lcs[i] as Uint32Array;
      row[j] = a[i] === b[j] ? (lcs[i + 1] as Uint32Array)[j + 1]! + 1 : Math.max((lcs[i + 1] as Uint32Array)[j]!, row[j + 1]!);
    }
  }
  const out: Op[] = [];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ mark: ' ', text: a[i] as string });
      [i, j] = [i + 1, j + 1];
    } else if (i < a.length && (j === b.length || (lcs[i + 1] as Uint32Array)[j]! >= (lcs[i] as Uint32Array)[j + 1]!)) {
      out.push({ mark: '-', text: a[i++] as string });
    } else {
      out.push({ mark: '+', text: b[j++] as string });
    }
  }
  return out;
}
