import { EXIT, GuardError } from './errors.js';
import { hasCommitArgs, peeledTypeArgs, pointingAtArgs, pushedRevs, VERSION_ARGS } from './git/args.js';
import { redactText } from './redact.js';
import { gitMaybe } from './git/run.js';

/**
 * The revision lists a pre-push hook must scan, from the lines Git gives it on standard input
 * (`<local ref> <local sha> <remote ref> <remote sha>`): new commits only, never the whole history
 * of a branch that the remote already has.
 */
export function prePushRevs(stdin: string, cwd: string, remote?: string): string[][] {
  const revs: string[][] = [];
  const nested = nestedRemotes(remote, cwd);
  for (const line of stdin.split('\n')) {
    // Git separates the fields with one space; a ref name may hold other spaces (U+3000).
    const [ref, local, , remoteSha] = line.replace(/^[ \t\r]+|[ \t\r]+$/g, '').split(/ +/);
    if (local === undefined || remoteSha === undefined || /^0+$/.test(local)) continue; // a deletion
    if (!/^[0-9a-f]{40,64}$/.test(local) || !/^[0-9a-f]{40,64}$/.test(remoteSha)) {
      throw new GuardError('The pre-push hook got input it does not understand: is it run by Git as a pre-push hook?', EXIT.error);
    }
    // A tag may name a tree or a blob: no commit to read, so nothing this hook can check.
    const type = gitMaybe(peeledTypeArgs(local), cwd);
    if (type !== 'commit') throw new GuardError(`This push sends ${redactText(ref ?? local)}, which names a ${type ?? 'missing object'}, not a commit: aws-key-guard reads commits only, so it cannot check it. If you are sure it holds no key, push it once with --no-verify.`, EXIT.error);
    const known = !/^0+$/.test(remoteSha) && gitMaybe(hasCommitArgs(remoteSha), cwd) !== undefined;
    revs.push(pushedRevs(local, remoteSha, known, remote, nested));
  }
  return revs;
}

/** The other remotes named as folders of `remote` (gh/private beside gh): see pushedRevs. */
export function nestedRemotes(remote: string | undefined, cwd: string): string[] {
  if (remote === undefined) return [];
  return (gitMaybe(['remote'], cwd) ?? '').split('\n').filter((r) => r.startsWith(`${remote}/`));
}

/**
 * Checks a --range argument: a revision range, never an option in disguise. A range from the
 * all-zeros commit (what CI systems give for a branch's first push) means every commit of the
 * branch that no remote branch has yet (of `remote`, when named).
 */
export function rangeRevs(range: string, remote?: string, nested: readonly string[] = []): string[] {
  if (range.startsWith('-') || !range.includes('..')) {
    throw new GuardError('--range takes a revision range such as origin/main..HEAD.');
  }
  const m = /^(0{40}(?:0{24})?)\.\.(.+)$/.exec(range);
  return m ? pushedRevs(m[2] as string, m[1] as string, false, remote, nested) : [range];
}

/**
 * `scan --range` as CI gives it. From the all-zeros commit, every commit of the branch that no
 * remote-tracking branch has, leaving out those that point at the tip itself: a CI clone fetched
 * the pushed branch as one of them (GitLab's origin/<branch>), and with it nothing would be new.
 */
export function ciRangeRevs(range: string, cwd: string): string[] {
  const revs = rangeRevs(range);
  if (revs.length === 1) return revs;
  const tip = revs[0] as string;
  const itself = gitMaybe(pointingAtArgs(tip), cwd)?.split('\n').filter(Boolean) ?? [];
  return [tip, '--not', ...itself.map((ref) => `--exclude=${ref}`), '--remotes'];
}

/** Whether this Git can show a merge as its remerge diff (Git 2.36 and newer; see mergeDiffArgs). */
export function canRemerge(cwd: string): boolean {
  const m = /(\d+)\.(\d+)/.exec(gitMaybe(VERSION_ARGS, cwd) ?? '');
  if (m === null) throw new GuardError('Git did not say its version: is `git` on PATH?', EXIT.error);
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 2 || (major === 2 && minor >= 36);
}
