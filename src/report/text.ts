import { posix } from 'node:path';
import type { Paint } from '../colors.js';
import type { Finding, ScanSummary } from '../finding.js';
import type { Messages } from '../messages/index.js';
import { STATE_FILE_RULE } from '../rules.js';
import { redactText } from '../redact.js';
import { displayPath, shellQuote } from '../shell.js';

/** A path for a Git command: a key in it is left out as a wildcard, which still names the file. */
const pathspec = (path: string) => shellQuote(redactText(path, '*'));

export interface TextOptions {
  m: Messages;
  c: Paint;
  /** where the user stands, from the repository top (Git's GIT_PREFIX in a hook, e.g. `infra/`) */
  prefix?: string;
  /** false when the scan read more than the staged changes (`scan --all`, `--history`, `--range`) */
  staged?: boolean;
}

/** At most this many findings are listed one by one; the rest are counted (JSON lists all). */
export const MAX_LISTED = 12;

/** Finding[] → the report that blocks a commit: what, where, then what to do, in order. */
export function renderText(findings: readonly Finding[], summary: ScanSummary, { m, c, prefix = '', staged = true }: TextOptions): string {
  // Commands are pasted where the user stands; report paths are from the repository top.
  const here = (p: string) => pathspec(posix.relative(prefix, p) || '.');
  const allowed = summary.allowed ? m.allowedNote(summary.allowed) : '';
  if (findings.length === 0) return c.dim(sentences(m.clean(summary.files, summary.addedLines, staged), allowed));
  const files = [...new Set(findings.map((f) => f.file))];
  const commits = [...new Set(findings.flatMap((f) => (f.commit ? [f.commit.sha] : [])))];
  // A state file is refused whole: it is counted as a file, not as a credential.
  const isState = (f: Finding) => f.rule === STATE_FILE_RULE.id;
  const credentials = findings.filter((f) => !isState(f));
  const title =
    commits.length > 0
      ? m.historyFound(findings.length, commits.length)
      : m.blocked(credentials.length, new Set(credentials.map((f) => f.file)).size, new Set(findings.filter(isState).map((f) => f.file)).size, staged);
  const out: string[] = [c.red(c.bold(`✖ ${title}`)), ''];

  const where = findings.map((f) => (f.line > 0 ? `${displayPath(f.file)}:${f.line}:${f.column}` : displayPath(f.file)));
  const titles = findings.map((f) => m.ruleTitle[f.rule] ?? f.title);
  const whereWidth = Math.max(...where.map((w) => w.length));
  const titleWidth = Math.max(...titles.map(width));
  const valueWidth = Math.max(...findings.map((f) => (f.rule === STATE_FILE_RULE.id ? 0 : f.redacted.length)));
  findings.slice(0, MAX_LISTED).forEach((f, i) => {
    const value = f.rule === STATE_FILE_RULE.id ? m.wholeFile : c.yellow(f.redacted.padEnd(valueWidth));
    const title = (titles[i] as string) + ' '.repeat(titleWidth - width(titles[i] as string));
    out.push(`  ${c.bold((where[i] as string).padEnd(whereWidth))}  ${title}  ${value}  ${c.dim(`[${f.rule}]`)}`);
    if (f.keyId) out.push(c.dim(`  ${' '.repeat(whereWidth)}  ${m.keyInfo(m.keyKind[f.keyId.prefix] ?? f.keyId.prefix, f.keyId.account)}`));
    if (f.commit) {
      const pushed = f.commit.pushedTo === undefined ? '' : c.red(` ${m.pushedTo(f.commit.pushedTo)}`);
      out.push(`  ${' '.repeat(whereWidth)}  ${c.dim(m.inCommit(f.commit.sha.slice(0, 12), f.commit.date.slice(0, 10)))}${pushed}`);
    }
  });
  if (findings.length > MAX_LISTED) out.push(c.dim(`  ${m.more(findings.length - MAX_LISTED)}`));
  // Keys in commits, or in tracked files (`scan --all`): already in history, so rotate first.
  if (commits.length > 0 || !staged) return [...out, ...historySteps(findings, m, c), '', c.dim(sentences(m.scanned(summary.files, summary.addedLines, false), allowed))].join('\n');

  const stateFiles = files.filter((p) => findings.some((f) => f.file === p && f.fileKind === 'state'));
  const otherFiles = files.filter((p) => !stateFiles.includes(p));
  const kinds = [...new Set(findings.map((f) => f.fileKind))].filter((k) => k !== 'state' || otherFiles.length > 0);

  out.push('', `${c.bold(m.nowTitle)} ${m.fixFirst}`, `  1. ${m.stepUnstage}`);
  // A new file is unstaged with `git rm --cached`, which also works before the first commit
  // (where `git restore --staged` cannot); a changed file with `git restore --staged`.
  const isNew = (p: string) => findings.some((f) => f.file === p && f.newFile === true);
  const restore = otherFiles.filter((p) => !isNew(p));
  const rmCached = [...otherFiles.filter(isNew), ...stateFiles];
  if (restore.length > 0) out.push(c.cyan(`       git restore --staged ${restore.map(here).join(' ')}`));
  if (rmCached.length > 0) out.push(c.cyan(`       git rm --cached ${rmCached.map(here).join(' ')}`));
  const onlyDotenv = kinds.every((k) => k === 'dotenv' || k === 'state');
  out.push(...wrap(`2. ${otherFiles.length === 0 ? m.instead.state : onlyDotenv ? m.stepRemoveDotenv : m.stepRemove}`, '  ', '     '));
  for (const k of otherFiles.length > 0 ? kinds : []) out.push(...wrap(m.instead[k], '     ', '     '));
  const ignore = ignoreLines(findings);
  if (ignore.length > 0) {
    out.push(`  3. ${m.stepIgnore}`);
    out.push(c.cyan(`       printf '%s\\n' ${ignore.map(pathspec).join(' ')} >> ${here('.gitignore')}`));
  }

  out.push('');
  if (otherFiles.length > 0) {
    const keyId = findings.find((f) => f.keyId);
    out.push(c.bold(m.pushedTitle));
    out.push(c.cyan(`  ${m.pushedCommand(keyId ? m.pushedKeyHint(keyId.redacted) : m.pushedNoId)}`));
    out.push(...wrap(m.pushedThen, '  ', '  '));
    out.push(`  ${m.fullGuide} ${c.cyan(`npx aws-key-guard explain ${(keyId ?? findings[0])?.rule ?? ''}`)}`);
  }
  if (stateFiles.length > 0) out.push(...wrap(m.pushedState, '', '  ').map((l) => c.bold(l)));
  // The inline marker needs a line that can hold a comment: not a JSON file, not a state file.
  const json = (f: Finding) => /\.json$/i.test(f.file);
  const notes = [credentials.some((f) => !json(f)) ? m.notAKey : '', credentials.some(json) ? m.notAKeyJson : ''];
  out.push('', c.dim(sentences(m.scanned(summary.files, summary.addedLines, staged), allowed, ...notes)));
  return out.join('\n');
}

/** Sentences one after another: a space after an English one, none after a Japanese 。 */
function sentences(...parts: string[]): string {
  return parts.filter((s) => s !== '').reduce((text, s) => (text.endsWith('。') ? text + s : `${text} ${s}`));
}

/** The oldest commit that adds a key (12 characters): a rebase starts below it, with or without an upstream. */
export function oldestCommit(findings: readonly Finding[]): string {
  const dated = findings.flatMap((f) => (f.commit ? [f.commit] : [])).sort((a, b) => a.date.localeCompare(b.date));
  return dated[0]?.sha.slice(0, 12) ?? 'HEAD';
}

/** For keys already in commits (range and history scans): rotate first, then clean up. */
function historySteps(findings: readonly Finding[], m: Messages, c: Paint): string[] {
  const keyId = findings.find((f) => f.keyId);
  const oldest = oldestCommit(findings);
  return [
    '',
    c.bold(m.nowTitle),
    ...wrap(`1. ${m.historyRotate}`, '  ', '     '),
    c.cyan(`     ${m.pushedCommand(keyId ? m.pushedKeyHint(keyId.redacted) : m.pushedNoId)}`),
    ...wrap(`2. ${findings.some((f) => f.commit) ? m.historyRemove(oldest) : m.trackedRemove}`, '  ', '     '),
    ...wrap(`3. ${m.historyNotEnough}`, '  ', '     '),
    `  ${m.fullGuide} ${c.cyan(`npx aws-key-guard explain ${(keyId ?? findings[0])?.rule ?? ''}`)}`,
  ];
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;
const SURROGATE_PAIR = /[\ud800-\udbff][\udc00-\udfff]/g;

/** Display width in columns: one per character, two for East Asian wide ones. */
function width(s: string): number {
  if (!/[^\x00-\x7f]/.test(s)) return s.length; // plain ASCII, most of what is measured
  return s.length - (s.match(SURROGATE_PAIR)?.length ?? 0) + (s.match(WIDE)?.length ?? 0);
}

/**
 * Wraps a sentence at spaces to about 100 columns, never inside `code`. Japanese text is left
 * whole (its few spaces are not break points; the terminal wraps it).
 */
function wrap(text: string, first: string, rest: string, max = 100): string[] {
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text)) return wrapJapanese(text, first, rest, max);
  const lines: string[] = [];
  let line = first;
  let lineWidth = width(first);
  let empty = true; // nothing but the indent yet
  for (const word of text.match(/(?:`[^`]*`|\S)+/g) ?? []) {
    const wordWidth = width(word);
    if (!empty && lineWidth + 1 + wordWidth > max) {
      lines.push(line);
      [line, lineWidth] = [rest + word, width(rest) + wordWidth];
    } else {
      [line, lineWidth] = empty ? [line + word, lineWidth + wordWidth] : [`${line} ${word}`, lineWidth + 1 + wordWidth];
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** Characters that never start a line in Japanese (closing brackets and punctuation). */
const NO_LINE_START = /^[、。，．）」』】〕！？・ーぁぃぅぇぉっゃゅょァィゥェォッャュョ]/;

/**
 * Japanese has no spaces between words: a line may break before any character, except one that
 * never starts a line; `code` and runs of ASCII stay whole, as in the English wrap.
 */
function wrapJapanese(text: string, first: string, rest: string, max: number): string[] {
  const lines: string[] = [];
  let line = first;
  let lineWidth = width(first);
  let empty = true;
  for (const unit of text.match(/`[^`]*`|[\x21-\x7e]+|\s+|[^\s]/gu) ?? []) {
    const unitWidth = /^\s+$/.test(unit) ? 1 : width(unit);
    if (!empty && lineWidth + unitWidth > max && !NO_LINE_START.test(unit) && !/^\s+$/.test(unit)) {
      lines.push(line.trimEnd());
      [line, lineWidth] = [rest + unit, width(rest) + unitWidth];
    } else if (/^\s+$/.test(unit)) {
      if (!empty) [line, lineWidth] = [`${line} `, lineWidth + 1];
    } else {
      [line, lineWidth] = [line + unit, lineWidth + unitWidth];
    }
    empty = false;
  }
  lines.push(line.trimEnd());
  return lines;
}

/** The .gitignore lines that keep these files out next time, for the kinds that can be ignored. */
export function ignoreLines(findings: readonly Finding[]): string[] {
  const lines = new Set<string>();
  for (const f of findings) {
    const base = f.file.split('/').pop() as string;
    if (f.fileKind === 'state') ['*.tfstate', '*.tfstate.*', '.terraform/'].forEach((l) => lines.add(l));
    else if (f.fileKind === 'dotenv') lines.add(base);
    else if (f.fileKind === 'aws-config') lines.add(`/${f.file}`);
    else if (f.fileKind === 'tfvars' && /\.auto\.tfvars(\.json)?$/i.test(base)) lines.add('*.auto.tfvars');
  }
  return [...lines];
}
