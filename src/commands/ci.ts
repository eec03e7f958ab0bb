import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { scanChanges, type ScanResult } from '../changes.js';
import { ciScan } from '../ci.js';
import { colorsWanted, paint } from '../colors.js';
import { readOwnFile } from '../config.js';
import { EXIT, GuardError } from '../errors.js';
import type { Messages } from '../messages/index.js';
import { writeOut } from '../output.js';
import { renderSarif } from '../report/sarif.js';
import { renderSummary } from '../report/summary.js';
import { renderText } from '../report/text.js';
import { version } from '../version.js';

export interface CiCommand {
  cwd: string;
  env: NodeJS.ProcessEnv;
  m: Messages;
}

/**
 * `aws-key-guard ci`: what the GitHub Action (action.yml) runs. It reads what GitHub gives a step
 * (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT) and the action's
 * inputs (INPUT_FAIL_ON_FINDING, INPUT_SARIF), scans the event's commits, prints the report to the
 * log, writes the job summary, the SARIF file when asked, and the outputs `findings` and `sarif-file`.
 */
export async function runCi({ cwd, env, m }: CiCommand): Promise<number> {
  const eventName = env.GITHUB_EVENT_NAME;
  const eventPath = env.GITHUB_EVENT_PATH;
  if (!eventName || !eventPath) {
    throw new GuardError('aws-key-guard ci runs in GitHub Actions, and GITHUB_EVENT_NAME or GITHUB_EVENT_PATH is not set: elsewhere, run aws-key-guard scan --range A..B.');
  }
  const failOnFinding = flag(env.INPUT_FAIL_ON_FINDING, true, 'fail-on-finding');
  const sarif = sarifFile(env.INPUT_SARIF);
  const plan = ciScan(eventName, readEvent(eventPath), cwd);
  const result: ScanResult = plan.mode === undefined ? { findings: [], summary: { files: 0, addedLines: 0 } } : await scanChanges({ cwd, env, mode: plan.mode });
  const { findings, summary } = result;

  writeOut(`${renderText(findings, summary, { m, c: paint(colorsWanted(env)) })}\n`);
  if (sarif !== undefined) {
    const file = resolve(cwd, sarif);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${renderSarif(findings, version())}\n`);
  }
  const scope = (m.ciScope[plan.scope] as (revs: string) => string)(plan.revs);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, renderSummary(findings, summary, scope, m));
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `findings=${findings.length}\nsarif-file=${sarif ?? ''}\n`);
  return findings.length > 0 && failOnFinding ? EXIT.found : EXIT.ok;
}

/** An action's boolean input: true/false (GitHub's own spelling), empty for the default. */
function flag(value: string | undefined, byDefault: boolean, name: string): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') return byDefault;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new GuardError(`The input ${name} takes true or false.`);
}

/** The `sarif` input: false or empty for none, true for aws-key-guard.sarif, or a path. */
function sarifFile(value: string | undefined): string | undefined {
  const v = (value ?? '').trim();
  if (v === '' || v.toLowerCase() === 'false') return undefined;
  if (v.toLowerCase() === 'true') return 'aws-key-guard.sarif';
  if (/[\n\r]/.test(v)) throw new GuardError('The input sarif takes true, false or one path.');
  return v;
}

function readEvent(path: string): unknown {
  const text = readOwnFile(path, 'The event payload (GITHUB_EVENT_PATH)', 64 << 20);
  if (text === undefined) throw new GuardError('The event payload (GITHUB_EVENT_PATH) does not exist: is this a run of GitHub Actions?');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GuardError('The event payload (GITHUB_EVENT_PATH) is not JSON: is this a run of GitHub Actions?', EXIT.error, { cause: error });
  }
}
