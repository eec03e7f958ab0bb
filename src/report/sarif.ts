import { redactText } from '../redact.js';
import type { Finding } from '../finding.js';
import { en } from '../messages/en.js';
import { RULE_IDS } from '../rules.js';

/**
 * Finding[] → a SARIF 2.1.0 log, as GitHub code scanning accepts it. Values are redacted like
 * everywhere else; the fingerprint goes in partialFingerprints so alerts stay stable.
 */
export function renderSarif(findings: readonly Finding[], version: string): string {
  const rules = RULE_IDS.map((id) => ({
    id,
    name: id.replace(/(^|-)([a-z])/g, (_, __, ch: string) => ch.toUpperCase()),
    shortDescription: { text: en.ruleTitle[id] ?? id },
    fullDescription: { text: (en.guide[id] ?? []).slice(1).join(' ').trim() || (en.ruleTitle[id] ?? id) },
    help: { text: `Run \`npx aws-key-guard explain ${id}\` for what to do.`, markdown: `Run \`npx aws-key-guard explain ${id}\` for what to do.` },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'secret', 'aws'], 'security-severity': '9.0' },
  }));
  const results = findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: RULE_IDS.indexOf(f.rule),
    level: 'error',
    message: {
      // A redacted secret ends in "…": no full stop after it.
      text: `${en.ruleTitle[f.rule] ?? f.title} ${f.redacted}${f.commit ? ` added in commit ${f.commit.sha.slice(0, 12)} (${f.commit.date.slice(0, 10)}): rotate it.` : f.redacted.endsWith('…') ? '' : '.'}`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(redactText(f.file)), uriBaseId: '%SRCROOT%' },
          ...(f.line > 0 ? { region: { startLine: f.line, startColumn: f.column } } : {}),
        },
      },
    ],
    partialFingerprints: { 'awsKeyGuard/v1': f.fingerprint },
    ...(f.commit ? { properties: { commit: f.commit.sha, commitDate: f.commit.date } } : {}),
  }));
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'aws-key-guard', version, informationUri: 'https://www.npmjs.com/package/aws-key-guard', rules } },
          originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
          results,
        },
      ],
    },
    null,
    2,
  );
}
