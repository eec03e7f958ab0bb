import { EXIT, GuardError } from '../errors.js';
import type { Messages } from '../messages/index.js';
import { RULE_IDS } from '../rules.js';

/** `aws-key-guard explain [rule]`: the full guide for a rule, or the list of rules. */
export function runExplain(rule: string | undefined, m: Messages): number {
  process.stdout.write(`${explainText(rule, m)}\n`);
  return EXIT.ok;
}

export function explainText(rule: string | undefined, m: Messages): string {
  if (rule === undefined) {
    return [m.explainList, ...RULE_IDS.map((id) => `  ${id.padEnd(24)} ${m.ruleTitle[id] ?? id}`)].join('\n');
  }
  const guide = m.guide[rule];
  if (guide === undefined) throw new GuardError(m.explainUnknown(rule), EXIT.error);
  const [title, ...body] = guide;
  return [
    `${title} [${rule}]`,
    ...body,
    '',
    m.guideInsteadTitle,
    ...m.guideInstead.map((l) => `  ${l}`),
    '',
    ...(rule === 'terraform-state-file' ? [m.instead.state, '', m.pushedState] : [m.guidePushedTitle, ...m.guidePushed]),
  ].join('\n');
}
