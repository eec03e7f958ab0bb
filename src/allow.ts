import { join } from 'node:path';
import { BASELINE_FILE, FINGERPRINT, IGNORE_FILE, readOwnFile, type Config } from './config.js';
import { EXIT, GuardError } from './errors.js';
import type { Finding } from './finding.js';

/** What the configuration, the ignore file and the baseline let through. */
export interface AllowList {
  /** false for a path to skip (.aws-key-guardignore and "exclude") */
  keepPath: (path: string) => boolean;
  /** false for a finding that is allowed (a disabled rule, an allowed or baselined fingerprint) */
  keepFinding: (finding: Finding) => boolean;
}

export async function allowList(top: string | undefined, config: Config, ignoreBaseline = false): Promise<AllowList> {
  const ignoreText = top === undefined ? undefined : readOwnFile(join(top, IGNORE_FILE), IGNORE_FILE);
  const patterns = [...config.exclude, ...(ignoreText ?? '').split(/\r?\n/)].filter((p) => p.trim() !== '' && !p.startsWith('#'));
  // The ignore package is loaded only when there is something to ignore.
  const ig = patterns.length > 0 ? (await import('ignore')).default().add(patterns) : undefined;
  const allowed = new Set([...config.allow, ...(top === undefined || ignoreBaseline ? [] : readBaseline(join(top, BASELINE_FILE)))]);
  const disabled = new Set(config.disable);
  return {
    keepPath: ig === undefined ? () => true : (path) => !ig.ignores(path),
    keepFinding: (f) => !disabled.has(f.rule) && (allowed.size === 0 || !allowed.has(f.fingerprint)),
  };
}

export interface Baseline {
  version: 1;
  /** where and what was found when the baseline was made; never the value */
  findings: { fingerprint: string; rule: string; file: string; line: number }[];
}

/** The fingerprints a baseline file allows; a broken baseline is an error, not an empty list. */
export function readBaseline(file: string): string[] {
  const text = readOwnFile(file, BASELINE_FILE, 64 << 20);
  if (text === undefined) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new GuardError(`${BASELINE_FILE} is not valid JSON: make it again with \`npx aws-key-guard baseline\`.`, EXIT.error, { cause: error });
  }
  const findings = (doc as Partial<Baseline> | null)?.findings;
  if (!Array.isArray(findings) || findings.some((f) => typeof f?.fingerprint !== 'string' || !FINGERPRINT.test(f.fingerprint))) {
    throw new GuardError(`${BASELINE_FILE} is not a baseline made by aws-key-guard: make it again with \`npx aws-key-guard baseline\`.`);
  }
  return findings.map((f) => f.fingerprint);
}

export function baselineOf(findings: readonly Finding[]): Baseline {
  return { version: 1, findings: findings.map(({ fingerprint, rule, file, line }) => ({ fingerprint, rule, file, line })) };
}
