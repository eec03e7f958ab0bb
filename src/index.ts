/** Public API: scan the staged change (or every tracked file, a range, history), and the types it returns. */
export { scanChanges, scanStaged, type ScanMode, type ScanOptions, type ScanResult } from './changes.js';
export { scanWindow } from './scan.js';
export type { Finding, ScanSummary, StagedFile, HunkLine } from './finding.js';
export { RULES, TARGET_FILES, RULE_IDS, type Rule, type FileKind } from './rules.js';
export { EXIT, GuardError } from './errors.js';
