import type { Finding, ScanSummary } from '../finding.js';
import type { Messages } from '../messages/index.js';
import { displayPath } from '../shell.js';
import { oldestCommit } from './text.js';

/** At most this many findings are listed in the job summary; the rest are counted. */
export const SUMMARY_LISTED = 50;

/**
 * Finding[] → a GitHub Actions job summary (Markdown, for $GITHUB_STEP_SUMMARY): what was scanned,
 * the findings (values redacted, as everywhere), and what to do, in the order a reader needs it.
 */
export function renderSummary(findings: readonly Finding[], summary: ScanSummary, scanned: string, m: Messages): string {
  const out = ['## aws-key-guard', ''];
  const allowed = summary.allowed ? ` ${m.ciAllowed(summary.allowed)}` : '';
  if (findings.length === 0) {
    return [...out, `:white_check_mark: ${m.ciClean(summary.files, summary.addedLines)}${allowed}`, '', m.ciWhat(scanned), ''].join('\n');
  }
  const commits = new Set(findings.flatMap((f) => (f.commit ? [f.commit.sha] : [])));
  out.push(`:x: **${m.historyFound(findings.length, Math.max(commits.size, 1))}**`, '', m.ciWhat(scanned), '');
  out.push(`| ${m.ciColumns.join(' | ')} |`, `|${' --- |'.repeat(m.ciColumns.length)}`);
  for (const f of findings.slice(0, SUMMARY_LISTED)) {
    const where = f.line > 0 ? `${f.file}:${f.line}:${f.column}` : f.file;
    const commit = f.commit ? `${code(f.commit.sha.slice(0, 12))} ${f.commit.date.slice(0, 10)}` : '';
    out.push(`| ${code(where)} | ${cell(m.ruleTitle[f.rule] ?? f.title)} | ${code(f.redacted)} | ${code(f.rule)} | ${commit} |`);
  }
  if (findings.length > SUMMARY_LISTED) out.push('', m.ciMore(findings.length - SUMMARY_LISTED));
  const keyId = findings.find((f) => f.keyId);
  const rule = (keyId ?? findings[0])?.rule ?? '';
  out.push(
    '',
    `### ${m.nowTitle.replace(/:$/, '')}`,
    '',
    `1. ${cell(m.historyRotate)}`,
    `   ${code(m.pushedCommand(keyId ? m.pushedKeyHint(keyId.redacted) : m.pushedNoId))}`,
    `2. ${cell(m.historyRemove(oldestCommit(findings)))}`,
    `3. ${cell(m.historyNotEnough)}`,
    '',
    `${m.fullGuide} ${code(`npx aws-key-guard explain ${rule}`)}${allowed}`,
    '',
  );
  return out.join('\n');
}


/** Text in a table cell: no line breaks, no column separators, no HTML. */
function cell(text: string): string {
  return displayPath(text).replace(/[|<>]/g, (c) => `\\${c}`);
}

/** A code span that holds any text: fenced with more backticks than it contains in a row. */
function code(text: string): string {
  const safe = displayPath(text).replace(/\|/g, '\\|');
  const ticks = '`'.repeat(Math.max(0, ...(safe.match(/`+/g) ?? []).map((t) => t.length)) + 1);
  const pad = safe.startsWith('`') || safe.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${safe}${pad}${ticks}`;
}
