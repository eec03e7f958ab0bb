import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitRun } from './git/run.js';
import type { HookPlace } from './hookplace.js';
import { BASE32 } from './keyinfo.js';
import { isPlaceholder } from './placeholder.js';
import { redact } from './redact.js';

/** How this clone's own pre-commit hook chain answered a commit of a freshly generated key. */
export interface Proof {
  /** the hook exited non-zero */
  refused: boolean;
  /** ...and it was aws-key-guard that found the key */
  byUs: boolean;
  /** the last lines the hooks printed, with the fake key redacted */
  output: string;
}

/** The name the fake key is staged under, in the temporary index only. */
export const PROOF_FILE = 'aws-key-guard-doctor.tf';

/**
 * Runs the pre-commit hook Git would run in this clone, as Git runs it (from the top of the work
 * tree), against a temporary index: this commit's tree plus one file holding a fresh fake key.
 * The key's blob goes into a temporary object folder (the repository's own objects are read as
 * alternates), so the user's index, work tree, objects and history are never touched.
 */
export function proveChain(place: HookPlace, timeoutMs = 120_000): Proof {
  const dir = mkdtempSync(join(tmpdir(), 'aws-key-guard-doctor-'));
  try {
    const objects = join(dir, 'objects');
    mkdirSync(objects);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GIT_INDEX_FILE: join(dir, 'index'),
      GIT_OBJECT_DIRECTORY: objects,
      GIT_ALTERNATE_OBJECT_DIRECTORIES: join(place.commonDir, 'objects'),
      GIT_PREFIX: '',
    };
    const git = (...args: string[]) => {
      const r = gitRun(args, place.top, env);
      if (r.status !== 0) throw new Error(`git ${args[0] ?? ''} failed: ${r.output}`);
      return r.output.trim();
    };
    const head = gitRun(['rev-parse', '-q', '--verify', 'HEAD^{tree}'], place.top, env).status === 0;
    git('read-tree', ...(head ? ['HEAD'] : ['--empty']));
    const key = freshKeyId();
    writeFileSync(join(dir, PROOF_FILE), `provider "aws" {\n  access_key = "${key}"\n}\n`);
    const blob = git('hash-object', '-w', '--no-filters', join(dir, PROOF_FILE));
    git('update-index', '--add', '--cacheinfo', `100644,${blob},${PROOF_FILE}`);
    const r = spawnSync(join(place.hooksDir, 'pre-commit'), [], { cwd: place.top, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error.message) : ''}`.split(key).join(redact(key, 'aws-access-key-id'));
    const refused = r.status !== 0;
    return { refused, byUs: refused && output.includes('[aws-access-key-id]'), output: lastLines(output, 8) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function lastLines(text: string, n: number): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

/** A fake access key ID of the real shape (never a documentation example), made now. */
function freshKeyId(): string {
  for (;;) {
    let id = 'AKIA';
    for (let i = 0; i < 16; i++) id += BASE32[randomInt(BASE32.length)];
    if (!isPlaceholder(id)) return id; // the scanner would rightly let a placeholder through
  }
}
