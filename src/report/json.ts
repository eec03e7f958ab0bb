import { redactText } from '../redact.js';
import type { Finding, ScanSummary } from '../finding.js';

/** Finding[] → the JSON document for CI (version 1). Values are redacted; fingerprints are hashes. */
export function renderJson(findings: readonly Finding[], summary: ScanSummary): string {
  return JSON.stringify(
    {
      version: 1,
      findings: findings.map((f) => ({
        file: redactText(f.file),
        line: f.line,
        column: f.column,
        rule: f.rule,
        kind: f.fileKind,
        title: f.title,
        redacted: f.redacted,
        fingerprint: f.fingerprint,
        ...(f.keyId ? { keyId: f.keyId } : {}),
        ...(f.commit ? { commit: f.commit } : {}),
      })),
      summary: { ...summary, findings: findings.length },
    },
    null,
    2,
  );
}
