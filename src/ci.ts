import type { ScanMode } from './changes.js';
import { GuardError } from './errors.js';
import { hasCommitArgs } from './git/args.js';
import { gitMaybe } from './git/run.js';

/**
 * What a GitHub Actions run must scan, from its event payload (the file at GITHUB_EVENT_PATH):
 * a push's new commits (`before..after`), a pull request's (`base..head`), or, for any other event
 * (a schedule, a manual run), every commit of the checked-out history.
 */
export interface CiScan {
  /** undefined: nothing to scan (a deletion) */
  mode: ScanMode | undefined;
  /** what was scanned, for the job summary (messages: ciScope) */
  scope: CiScope;
  /** the commits, shortened: `a..b`, or the new tip */
  revs: string;
}

export type CiScope = 'deleted' | 'push' | 'new-branch' | 'pull-request' | 'merge-group' | 'history';

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const ZERO = /^0+$/;

export function ciScan(eventName: string, payload: unknown, cwd: string): CiScan {
  const event = (payload ?? {}) as Record<string, unknown>;
  const pick = (o: unknown, ...path: string[]): string | undefined => {
    let v: unknown = o;
    for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
    return typeof v === 'string' ? v : undefined;
  };
  if (eventName === 'push') {
    const before = sha(pick(event, 'before'), 'before');
    const after = sha(pick(event, 'after'), 'after');
    if (ZERO.test(after)) return { mode: undefined, scope: 'deleted', revs: '' };
    need(after, cwd);
    if (!ZERO.test(before) && has(before, cwd)) return range(before, after, 'push');
    // A new branch, or a force-push whose old tip this clone lacks: the commits that no other
    // branch has. actions/checkout fetches every branch as origin/*, this one's too, so it is left out.
    const branch = /^refs\/heads\/(.+)$/.exec(pick(event, 'ref') ?? '')?.[1];
    const revs = [after, '--not', ...(branch === undefined ? [] : [`--exclude=origin/${branch}`]), '--remotes'];
    return { mode: { kind: 'range', revs: [revs] }, scope: 'new-branch', revs: short(after) };
  }
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const base = sha(pick(event, 'pull_request', 'base', 'sha'), 'pull_request.base.sha');
    const head = sha(pick(event, 'pull_request', 'head', 'sha'), 'pull_request.head.sha');
    need(base, cwd);
    need(head, cwd);
    return range(base, head, 'pull-request');
  }
  if (eventName === 'merge_group') {
    const base = sha(pick(event, 'merge_group', 'base_sha'), 'merge_group.base_sha');
    const head = sha(pick(event, 'merge_group', 'head_sha'), 'merge_group.head_sha');
    need(base, cwd);
    need(head, cwd);
    return range(base, head, 'merge-group');
  }
  return { mode: { kind: 'history' }, scope: 'history', revs: '' };
}

function range(from: string, to: string, scope: CiScope): CiScan {
  return { mode: { kind: 'range', revs: [[`${from}..${to}`]] }, scope, revs: `${short(from)}..${short(to)}` };
}

const short = (s: string) => s.slice(0, 12);

function sha(value: string | undefined, field: string): string {
  if (value === undefined || !SHA.test(value)) {
    throw new GuardError(`The event payload (GITHUB_EVENT_PATH) has no commit in ${field}: is this run of GitHub Actions what it says it is?`);
  }
  return value;
}

const has = (rev: string, cwd: string) => gitMaybe(hasCommitArgs(rev), cwd) !== undefined;

function need(rev: string, cwd: string): void {
  if (!has(rev, cwd)) {
    throw new GuardError(`This checkout does not have commit ${short(rev)}: give actions/checkout the setting fetch-depth: 0, so that the commits to scan are there.`);
  }
}
