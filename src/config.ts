import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EXIT, GuardError } from './errors.js';
import { RULE_IDS } from './rules.js';

/**
 * The optional configuration: `.aws-key-guard.json` at the repository top, or an
 * `"aws-key-guard"` key in the top package.json. Validated on load: an unknown field or a wrong
 * type is a one-line error naming the file and the field, never a silent default.
 */
export interface Config {
  /** extra globs to scan (gitignore-style: a glob without "/" matches in any folder) */
  include: string[];
  /** paths to skip (gitignore syntax), added to those in .aws-key-guardignore */
  exclude: string[];
  /** rule ids turned off */
  disable: string[];
  /** fingerprints of findings that are allowed (from --format json or sarif) */
  allow: string[];
  /** where it came from, for messages */
  source: string | undefined;
}

export const CONFIG_FILE = '.aws-key-guard.json';
export const IGNORE_FILE = '.aws-key-guardignore';
export const BASELINE_FILE = '.aws-key-guard-baseline.json';
const FIELDS = ['include', 'exclude', 'disable', 'allow'] as const;
export const FINGERPRINT = /^[0-9a-f]{16}$/;

/** `AWS_KEY_GUARD=0` skips the check, with a warning (the hook script is generated from this too). */
export const SKIP_VARIABLE = 'AWS_KEY_GUARD';
export function skipRequested(env: NodeJS.ProcessEnv): boolean {
  return env[SKIP_VARIABLE] === '0';
}

export const EMPTY_CONFIG: Config = { include: [], exclude: [], disable: [], allow: [], source: undefined };

/**
 * The top of the work tree, found without starting git: $GIT_WORK_TREE, or the nearest folder
 * upwards that holds `.git`. Undefined outside a repository (git will then say so).
 */
export function findTop(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.GIT_WORK_TREE) return resolve(cwd, env.GIT_WORK_TREE);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dir === dirname(dir)) return undefined;
  }
}

export function loadConfig(top: string | undefined): Config {
  if (top === undefined) return EMPTY_CONFIG;
  const file = join(top, CONFIG_FILE);
  const fromFile = parseJson(file, CONFIG_FILE);
  const pkg = parseJson(join(top, 'package.json'), 'package.json');
  let fromPkg: unknown;
  if (pkg !== null && typeof pkg === 'object' && 'aws-key-guard' in pkg) fromPkg = (pkg as Record<string, unknown>)['aws-key-guard'];
  if (fromFile !== undefined && fromPkg !== undefined) {
    throw new GuardError(`Configuration is in both ${CONFIG_FILE} and package.json ("aws-key-guard"): keep one of them.`);
  }
  if (fromFile !== undefined) return validate(fromFile, CONFIG_FILE);
  if (fromPkg !== undefined) return validate(fromPkg, 'package.json "aws-key-guard"');
  return EMPTY_CONFIG;
}

/**
 * A small file of ours (configuration, ignore file, baseline) as text, or undefined when there is
 * none. Only a regular file is read, and only up to `maxBytes`: a committed symlink to /dev/zero or
 * a FIFO gets one clear line, never a hang or a flood of memory. A UTF-8 byte-order mark is dropped.
 */
export function readOwnFile(file: string, name: string, maxBytes = 4 << 20): string | undefined {
  try {
    lstatSync(file);
  } catch {
    return undefined;
  }
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)); // a FIFO opens without a writer
  } catch (error) {
    throw new GuardError(`${name} could not be read: check that it is a readable file.`, EXIT.error, { cause: error });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new GuardError(`${name} is not a regular file: make it a plain text file, or remove it.`);
    if (stat.size > maxBytes) throw new GuardError(`${name} is larger than ${maxBytes >> 20} MB: make it smaller, or remove it.`);
    const buf = Buffer.alloc(stat.size);
    let n = 0;
    for (let got = 1; got > 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, null);
    return buf.toString('utf8', 0, n).replace(/^\ufeff/, '');
  } catch (error) {
    if (error instanceof GuardError) throw error;
    throw new GuardError(`${name} could not be read: check that it is a readable file.`, EXIT.error, { cause: error });
  } finally {
    closeSync(fd);
  }
}

function parseJson(file: string, name: string): unknown {
  const text = readOwnFile(file, name);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new GuardError(`${name} is not valid JSON: fix it, or remove it.`, EXIT.error, { cause: error });
  }
}

/** Pure: checks a parsed configuration; the message names the place and the field. */
export function validate(value: unknown, where: string): Config {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new GuardError(`${where} must be a JSON object with the fields ${FIELDS.join(', ')}.`);
  }
  const config: Config = { include: [], exclude: [], disable: [], allow: [], source: where };
  for (const [key, v] of Object.entries(value)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      throw new GuardError(`${where}: unknown field "${safe(key)}" (the fields are ${FIELDS.join(', ')}).`);
    }
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === '')) {
      throw new GuardError(`${where}: "${key}" must be a list of non-empty strings.`);
    }
    config[key as (typeof FIELDS)[number]] = v as string[];
  }
  const unknownRule = config.disable.find((id) => !RULE_IDS.includes(id));
  if (unknownRule !== undefined) {
    throw new GuardError(`${where}: "disable" names no rule "${safe(unknownRule)}" (the rules are ${RULE_IDS.join(', ')}).`);
  }
  // Never echo a bad allow entry: someone may have pasted the key itself there.
  const bad = config.allow.findIndex((f) => !FINGERPRINT.test(f));
  if (bad >= 0) {
    throw new GuardError(`${where}: "allow" entry ${bad + 1} is not a fingerprint (16 hex characters, as --format json prints them); never put a key itself there.`);
  }
  return config;
}

/** A short, printable excerpt of a user string for an error message. */
function safe(s: string): string {
  return s.length > 16 ? `${s.slice(0, 4)}…` : s.replace(/[^\x20-\x7e]/g, '?'); // four, as a redacted value shows
}

/** Pure: the include globs as git glob pathspecs (a glob without "/" matches in any folder). */
export function includeGlobs(config: Config): string[] {
  return config.include.map((g) => (g.includes('/') ? g.replace(/^\//, '') : `**/${g}`));
}
