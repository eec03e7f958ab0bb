import type { Colors } from 'picocolors/types.js';
import type { Finding, ScanSummary } from '../finding.js';
import type { Messages } from '../messages/index.js';
import { STATE_FILE_RULE, type FileKind } from '../rules.js';
import { displayPath, shellQuote } from '../shell.js';

export interface TextOptions {
  m: Messages;
  c: Colors;
}

/** Finding[] → the report that blocks a commit: what, where, then what to do, in order. */
export function renderText(findings: readonly Finding[], summary: ScanSummary, { m, c }: TextOptions): string {
  if (findings.length === 0) return c.dim(m.clean(summary.files, summary.addedLines));
  const files = [...new Set(findings.map((f) => f.file))];
  const out: string[] = [c.red(c.bold(`✖ ${m.blocked(findings.length, files.length)}`)), ''];

  for (const f of findings) {
    const where = f.line > 0 ? `${displayPath(f.file)}:${f.line}:${f.column}` : displayPath(f.file);
    const value = f.rule === STATE_FILE_RULE.id ? m.wholeFile : c.yellow(f.redacted);
    out.push(`  ${c.bold(where)}  ${m.ruleTitle[f.rule] ?? f.title}  ${value}  ${c.dim(`[${f.rule}]`)}`);
    if (f.keyId) {
      const kind = m.keyKind[f.keyId.prefix] ?? f.keyId.prefix;
      out.push(c.dim(`      ${kind}, ${f.keyId.account ? m.account(f.keyId.account) : m.accountUnknown}`));
    }
  }

  const byKind = (k: FileKind) => files.filter((p) => findings.some((f) => f.file === p && f.fileKind === k));
  const stateFiles = byKind('state');
  const otherFiles = files.filter((p) => !stateFiles.includes(p));
  const kinds = [...new Set(findings.map((f) => f.fileKind))];

  out.push('', c.bold(m.nowTitle), `  1. ${m.stepUnstage}`);
  if (otherFiles.length > 0) out.push(c.cyan(`       git restore --staged ${otherFiles.map(shellQuote).join(' ')}`));
  if (stateFiles.length > 0) out.push(c.cyan(`       git rm --cached ${stateFiles.map(shellQuote).join(' ')}`));
  out.push(`  2. ${otherFiles.length > 0 ? m.stepRemove : m.instead.state}`);
  for (const k of kinds) if (otherFiles.length > 0 || k !== 'state') out.push(`     ${m.instead[k]}`);
  const ignore = ignoreLines(findings);
  if (ignore.length > 0) {
    out.push(`  3. ${m.stepIgnore}`);
    for (const line of ignore) out.push(c.cyan(`       echo ${shellQuote(line)} >> .gitignore`));
  }

  const keyId = findings.find((f) => f.keyId);
  out.push('');
  if (otherFiles.length > 0) {
    out.push(c.bold(m.pushedTitle));
    out.push(c.cyan(`  ${m.pushedCommand(keyId ? m.pushedKeyHint(keyId.redacted) : m.pushedNoId)}`));
    out.push(`  ${m.pushedThen} ${findings[0]?.rule ?? ''}`.trimEnd());
  }
  if (stateFiles.length > 0) out.push(c.bold(m.pushedState));
  out.push('', c.dim(`${m.scanned(summary.files, summary.addedLines)} ${m.notAKey} ${m.bypass}`));
  return out.join('\n');
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
