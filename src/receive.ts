import { validate, type Config } from './config.js';
import { GuardError } from './errors.js';
import { SERVER_SETTINGS_ARGS } from './git/args.js';
import { gitMaybe } from './git/run.js';

/**
 * What a server's pre-receive hook needs besides the scan: the pushed tips from Git's input, and
 * the server's settings, which live in Git's configuration (a bare repository has no work tree for
 * .aws-key-guard.json, and one in the pushed commits would let the pusher decide):
 * `awsKeyGuard.timeout <seconds>`, `awsKeyGuard.onTimeout refuse|allow`, and the configuration's
 * lists, one value per entry (`git config --add awsKeyGuard.allow <fingerprint>`), in the
 * repository or for every repository.
 */

/**
 * The new tips of a push, from Git's pre-receive input (`<old> <new> <ref>` per line). A deletion
 * (new is all zeros) adds nothing; a new branch, a tag and a force-push are only their new tip,
 * since what is new is decided against everything the repository already has (preReceiveRevs).
 */
export function pushedTips(stdin: string): string[] {
  const tips = new Set<string>();
  for (const line of stdin.split('\n')) {
    if (line.trim() === '') continue;
    const [old, tip, ref] = line.trim().split(/\s+/);
    if (old === undefined || tip === undefined || ref === undefined || !/^[0-9a-f]{40,64}$/.test(old) || !/^[0-9a-f]{40,64}$/.test(tip)) {
      throw new GuardError('The pre-receive hook got input it does not understand: is it run by Git as a pre-receive hook?');
    }
    if (!/^0+$/.test(tip)) tips.add(tip);
  }
  return [...tips];
}

export interface ServerSettings {
  /** milliseconds; 0 for no limit */
  timeoutMs: number;
  onTimeout: 'refuse' | 'allow';
  /** include, exclude, disable and allow, as in .aws-key-guard.json */
  config: Config;
}

const LISTS = ['include', 'exclude', 'disable', 'allow'] as const;

export const DEFAULT_TIMEOUT_SECONDS = 60;

/** Pure: `git config --get-regexp` output → settings; a bad value is an error (the push is refused). */
export function parseServerSettings(text: string): ServerSettings {
  const settings: Omit<ServerSettings, 'config'> = { timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000, onTimeout: 'refuse' };
  const lists: Record<string, string[]> = {};
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    const key = (space < 0 ? line : line.slice(0, space)).toLowerCase();
    const value = space < 0 ? '' : line.slice(space + 1).trim();
    if (key === 'awskeyguard.timeout') {
      const seconds = Number(value);
      if (value === '' || !Number.isFinite(seconds) || seconds < 0) {
        throw new GuardError('git config awsKeyGuard.timeout must be a number of seconds (0 for no limit): fix it on the server.');
      }
      settings.timeoutMs = seconds * 1000;
    } else if (key === 'awskeyguard.ontimeout') {
      if (value !== 'refuse' && value !== 'allow') {
        throw new GuardError('git config awsKeyGuard.onTimeout must be refuse or allow: fix it on the server.');
      }
      settings.onTimeout = value;
    } else if (key !== '') {
      const list = LISTS.find((l) => key === `awskeyguard.${l}`);
      if (list === undefined) {
        throw new GuardError(`git config ${key.slice(0, 40)} is not a setting of aws-key-guard (they are timeout, onTimeout, ${LISTS.join(', ')}): fix it on the server.`);
      }
      (lists[list] ??= []).push(value);
    }
  }
  return { ...settings, config: validate(lists, 'git config awsKeyGuard') };
}

export function serverSettings(cwd: string): ServerSettings {
  return parseServerSettings(gitMaybe(SERVER_SETTINGS_ARGS, cwd) ?? '');
}

