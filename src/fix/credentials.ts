import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { EXIT, GuardError } from '../errors.js';
import { accountFromKeyId } from '../keyinfo.js';
import { writeAtomic } from './files.js';
import type { KeyPair } from './terraform.js';

/**
 * The AWS shared credentials file: where fix keeps a key it takes out of a repository, as a named
 * profile that Terraform, the AWS CLI and the SDKs all read. An existing profile is never changed.
 */

/** Where the AWS CLI and Terraform look: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials. */
export function credentialsPath(env: NodeJS.ProcessEnv): string {
  const given = env.AWS_SHARED_CREDENTIALS_FILE;
  if (given) return resolve(given.replace(/^~(?=$|[/\\])/, home(env)));
  return join(home(env), '.aws', 'credentials');
}

export function home(env: NodeJS.ProcessEnv): string {
  return env.HOME || env.USERPROFILE || homedir();
}

function readIfThere(path: string): string {
  try {
    return existsSync(path) ? readFileSync(path, 'utf8') : '';
  } catch (error) {
    throw new GuardError(`${path} could not be read: check its permissions, then run fix again.`, EXIT.error, { cause: error });
  }
}

/** Pure: the profiles of a credentials file, each as its lower-cased keys and values. */
export function readProfiles(text: string): Map<string, Map<string, string>> {
  const profiles = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of text.split(/\r?\n/)) {
    const section = /^\s*\[\s*([^\]]+?)\s*\]\s*$/.exec(line);
    if (section) {
      current = profiles.get(section[1] as string) ?? new Map();
      profiles.set(section[1] as string, current);
      continue;
    }
    const pair = /^\s*([A-Za-z_][\w]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (pair && current) current.set((pair[1] as string).toLowerCase(), pair[2] as string);
  }
  return profiles;
}

/** Pure: whether a profile holds exactly this key pair (and token). */
function holds(profile: Map<string, string>, pair: KeyPair): boolean {
  return (
    profile.get('aws_access_key_id') === pair.accessKeyId &&
    profile.get('aws_secret_access_key') === pair.secretAccessKey &&
    profile.get('aws_session_token') === pair.sessionToken
  );
}

/**
 * Plans the profiles for the pairs fix takes out: one that already holds the same key is reused;
 * otherwise a new name, aws-key-guard-<account> (or aws-key-guard), numbered when taken.
 */
export class ProfilePlan {
  readonly added: { name: string; pair: KeyPair }[] = [];
  readonly reused: string[] = [];
  private readonly profiles: Map<string, Map<string, string>>;

  /** names the AWS config file uses (`[profile x]`): taken too, so a new profile never merges into one */
  private readonly configNames: Set<string>;

  constructor(
    readonly path: string,
    readonly text: string,
    config = '',
  ) {
    this.profiles = readProfiles(text);
    this.configNames = new Set([...readProfiles(config).keys()].map((n) => n.replace(/^profile\s+/, '')));
  }

  static load(env: NodeJS.ProcessEnv): ProfilePlan {
    const path = credentialsPath(env);
    const config = env.AWS_CONFIG_FILE ? resolve(env.AWS_CONFIG_FILE.replace(/^~(?=$|[/\\])/, home(env))) : join(home(env), '.aws', 'config');
    return new ProfilePlan(path, readIfThere(path), readIfThere(config));
  }

  profileFor(pair: KeyPair): string {
    for (const [name, profile] of this.profiles) {
      if (!holds(profile, pair)) continue;
      if (!this.added.some((a) => a.name === name) && !this.reused.includes(name)) this.reused.push(name);
      return name;
    }
    const account = accountFromKeyId(pair.accessKeyId);
    const base = account === undefined ? 'aws-key-guard' : `aws-key-guard-${account}`;
    let name = base;
    for (let n = 2; this.profiles.has(name) || this.configNames.has(name); n++) name = `${base}-${n}`;
    const profile = new Map([
      ['aws_access_key_id', pair.accessKeyId],
      ['aws_secret_access_key', pair.secretAccessKey],
    ]);
    if (pair.sessionToken !== undefined) profile.set('aws_session_token', pair.sessionToken);
    this.profiles.set(name, profile);
    this.added.push({ name, pair });
    return name;
  }

  /** For a file that is left alone after all: forget the profiles planned since `mark()`. */
  mark(): [number, number] {
    return [this.added.length, this.reused.length];
  }

  undo([added, reused]: [number, number]): void {
    for (const { name } of this.added.splice(added)) this.profiles.delete(name);
    this.reused.splice(reused);
  }

  /** Pure: the file with the new profiles appended; every existing byte stays. */
  newText(): string {
    const eol = this.text.includes('\r\n') ? '\r\n' : '\n';
    let text = this.text;
    if (text.length > 0 && !text.endsWith('\n')) text += eol;
    for (const { name, pair } of this.added) {
      if (text.length > 0) text += eol;
      text += `[${name}]${eol}aws_access_key_id = ${pair.accessKeyId}${eol}aws_secret_access_key = ${pair.secretAccessKey}${eol}`;
      if (pair.sessionToken !== undefined) text += `aws_session_token = ${pair.sessionToken}${eol}`;
    }
    return text;
  }

  /** Writes the new profiles: the folder 0700 when it is made, the file 0600, atomically. */
  write(): void {
    if (this.added.length === 0) return;
    const target = existsSync(this.path) ? realpathSync(this.path) : this.path;
    try {
      mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
      writeAtomic(target, this.newText(), 0o600);
    } catch (error) {
      throw new GuardError(`${target} could not be written, so nothing was changed: check the folder's permissions.`, EXIT.error, { cause: error });
    }
  }
}
