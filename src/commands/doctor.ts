import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pc from 'picocolors';
import { EXIT } from '../errors.js';
import { gitRun } from '../git/run.js';
import { BASE32 } from '../keyinfo.js';
import { isPlaceholder } from '../placeholder.js';
import { findHookPlace, type HookPlace } from '../hookplace.js';
import { MARKER, plainHook, shimPath } from '../install.js';
import { isExecutable, warnings } from './install.js';

interface Check {
  ok: boolean;
  text: string;
}

/**
 * `aws-key-guard doctor`: where Git runs hooks from, whether ours is there, executable and reaches
 * the CLI, and then the proof: a real `git commit` of a freshly generated key in a throw-away
 * repository, through the same hook script, must be refused.
 */
export function runDoctor({ cwd }: { cwd: string; env: NodeJS.ProcessEnv }): number {
  const place = findHookPlace(cwd);
  const checks: Check[] = [];
  const origin = place.hooksPath ? ` (core.hooksPath = ${place.hooksPath.value}, set in ${place.hooksPath.origin.replace(/^file:/, '')})` : '';
  checks.push({ ok: true, text: `Git runs hooks from ${place.hooksDir}${origin}` });
  checks.push(...hookChecks(place));
  const shim = join(place.top, shimPath(place, 'pre-commit'));
  const cli = join(shim, '..', '..', 'dist', 'cli.js');
  checks.push({ ok: existsSync(shim) && existsSync(cli), text: `the hook reaches the installed CLI (${shimPath(place, 'pre-commit')} and dist/cli.js)` });
  for (const w of warnings(place)) checks.push({ ok: false, text: w });
  checks.push(proveEndToEnd(shim));
  for (const c of checks) process.stdout.write(`${c.ok ? pc.green('✔') : pc.red('✖')} ${c.text}\n`);
  const ok = checks.every((c) => c.ok);
  process.stdout.write(ok ? 'aws-key-guard is installed and blocks AWS keys.\n' : 'Something is wrong: fix the ✖ lines, then run `npx aws-key-guard install` and this check again.\n');
  return ok ? EXIT.ok : EXIT.found;
}

function hookChecks(place: HookPlace): Check[] {
  if (place.husky) {
    const file = join(place.top, '.husky', 'pre-commit');
    const has = existsSync(file) && readFileSync(file, 'utf8').includes(MARKER);
    const wrapper = join(place.hooksDir, 'pre-commit');
    return [
      { ok: has, text: has ? '.husky/pre-commit runs aws-key-guard' : '.husky/pre-commit does not run aws-key-guard: run `npx aws-key-guard install`' },
      { ok: isExecutable(wrapper), text: `husky's ${wrapper} exists and is executable` },
    ];
  }
  const file = join(place.hooksDir, 'pre-commit');
  const has = existsSync(file) && readFileSync(file, 'utf8').includes(MARKER);
  return [
    { ok: has, text: has ? `${file} is our hook` : `${file} is not our hook: run \`npx aws-key-guard install\`` },
    { ok: has && isExecutable(file), text: `${file} is executable` },
  ];
}

/** Commits a freshly generated key in a temporary repository through our hook; it must be refused. */
function proveEndToEnd(shim: string): Check {
  const dir = mkdtempSync(join(tmpdir(), 'aws-key-guard-doctor-'));
  try {
    const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: join(dir, 'gitconfig'), AWS_KEY_GUARD: '', GIT_INDEX_FILE: '', GIT_DIR: '', GIT_WORK_TREE: '' };
    for (const k of ['GIT_INDEX_FILE', 'GIT_DIR', 'GIT_WORK_TREE'] as const) delete env[k];
    const git = (...args: string[]) => gitRun(args, join(dir, 'repo'), env);
    gitRun(['init', '-q', join(dir, 'repo')], dir, env);
    git('config', 'user.name', 'aws-key-guard doctor');
    git('config', 'user.email', 'doctor@example.invalid');
    git('config', 'core.hooksPath', join(dir, 'repo', '.git', 'hooks'));
    writeFileSync(join(dir, 'repo', '.git', 'hooks', 'pre-commit'), plainHook(shim, 'pre-commit'), { mode: 0o755 });
    writeFileSync(join(dir, 'repo', 'main.tf'), `provider "aws" {\n  access_key = "${freshKeyId()}"\n}\n`);
    git('add', 'main.tf');
    const r = git('commit', '-q', '-m', 'doctor: this commit must be refused');
    const refused = r.status !== 0 && git('rev-parse', '--verify', '-q', 'HEAD').status !== 0;
    const blockedByUs = refused && /aws-access-key-id/.test(r.output);
    return {
      ok: blockedByUs,
      text: blockedByUs
        ? 'a real commit of a freshly generated key, in a throw-away repository, was refused'
        : `a test commit of a freshly generated key was NOT refused by aws-key-guard (exit ${String(r.status)})`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fake access key ID of the real shape (never a documentation example), made now. */
function freshKeyId(): string {
  for (;;) {
    let id = 'AKIA';
    for (let i = 0; i < 16; i++) id += BASE32[randomInt(BASE32.length)];
    if (!isPlaceholder(id)) return id; // the scanner would rightly let a placeholder through
  }
}
