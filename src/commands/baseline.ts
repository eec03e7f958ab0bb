import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baselineOf } from '../allow.js';
import { BASELINE_FILE, findTop } from '../config.js';
import { EXIT, GuardError } from '../errors.js';
import { scanChanges } from '../changes.js';

/**
 * `aws-key-guard baseline`: records the fingerprints of what every tracked file holds today, so
 * that a repository with known, already-rotated test keys can adopt the hook; later scans report
 * only new findings. The file holds fingerprints, rules and places, never a value.
 */
export async function runBaseline({ cwd, env }: { cwd: string; env: NodeJS.ProcessEnv }): Promise<number> {
  const top = findTop(cwd, env);
  if (top === undefined) throw new GuardError('This folder is not inside a Git repository: run the command from your project folder.');
  // Today's findings, without the current baseline (a new baseline replaces it whole).
  const { findings } = await scanChanges({ cwd, mode: { kind: 'all' }, env, ignoreBaseline: true });
  const file = join(top, BASELINE_FILE);
  writeFileSync(file, `${JSON.stringify(baselineOf(findings), null, 2)}\n`);
  process.stdout.write(
    `aws-key-guard: recorded ${findings.length} finding${findings.length === 1 ? '' : 's'} in ${BASELINE_FILE}; later scans report only new ones. ` +
      'Commit the file. Keys in it must already be deactivated: a baseline hides them, it does not make them safe.\n',
  );
  return EXIT.ok;
}
