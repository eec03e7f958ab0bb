import { gitMaybe } from '../git/run.js';
import { fingerprint } from '../redact.js';
import { scanChanges } from '../changes.js';

/**
 * Whether a key fix is about to take out was pushed already: some commit that a remote-tracking
 * branch has added the same value (compared by fingerprint, so no value goes on a command line).
 * Returns the remote branch, or undefined. Without remote-tracking branches, nothing is read.
 */
export async function pushedTo(top: string, values: readonly { value: string; rule: string }[], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (values.length === 0) return undefined;
  if (!gitMaybe(['for-each-ref', '--count=1', '--format=%(refname)', 'refs/remotes'], top)) return undefined;
  const { findings } = await scanChanges({ cwd: top, env, mode: { kind: 'range', revs: [['--remotes']] }, ignoreBaseline: true });
  for (const f of findings) {
    for (const v of values) {
      if (v.rule === f.rule && fingerprint(v.rule, f.file, v.value) === f.fingerprint) return f.commit?.pushedTo ?? 'a remote';
    }
  }
  return undefined;
}
