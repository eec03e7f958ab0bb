import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(PROJECT, 'dist', 'cli.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TempRepo {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** git in the repo; throws on failure unless `allowFail` */
  git: (args: string[], options?: { allowFail?: boolean; env?: NodeJS.ProcessEnv; input?: string }) => Run;
  write: (path: string, content: string | Buffer) => void;
  stage: (...paths: string[]) => void;
  /** the built CLI (dist/cli.js), run as a process in the repo */
  cli: (args: string[], env?: NodeJS.ProcessEnv) => Run;
  run: (cmd: string, args: string[], options?: SpawnSyncOptions) => Run;
  /** a package.json and node_modules/aws-key-guard linked to this checkout, as `npm link` leaves them */
  linkPackage: (sub?: string) => void;
}

/** A real Git repository under the OS temp folder, removed afterwards; never the project itself. */
export async function withTempRepo<T>(fn: (repo: TempRepo) => Promise<T> | T, init = true): Promise<T> {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'akg-test-')));
  if (base.startsWith(PROJECT)) throw new Error('refusing to run a test repository inside the project');
  const dir = join(base, 'repo');
  mkdirSync(dir);
  writeFileSync(join(base, 'gitconfig'), '[user]\n\tname = Test User\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_CONFIG_GLOBAL: join(base, 'gitconfig'),
    GIT_CONFIG_NOSYSTEM: '1',
    NO_COLOR: '1',
    LANG: 'C',
    LC_ALL: '',
    LC_MESSAGES: '',
    AWS_KEY_GUARD: '',
    HUSKY: '',
  };
  delete env.GIT_DIR;
  delete env.GIT_INDEX_FILE;
  delete env.GIT_WORK_TREE;
  const run = (cmd: string, args: string[], options: SpawnSyncOptions = {}): Run => {
    const r = spawnSync(cmd, args, { cwd: dir, env, encoding: 'utf8', ...options });
    if (r.error) throw r.error;
    return { code: r.status ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
  };
  const repo: TempRepo = {
    dir,
    env,
    run,
    git: (args, options = {}) => {
      const r = run('git', args, { env: { ...env, ...options.env }, ...(options.input !== undefined ? { input: options.input } : {}) });
      if (r.code !== 0 && !options.allowFail) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
      return r;
    },
    write: (path, content) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    stage: (...paths) => {
      repo.git(['add', '--', ...paths]);
    },
    cli: (args, extraEnv = {}) => run(process.execPath, [CLI, ...args], { env: { ...env, ...extraEnv } }),
    linkPackage: (sub = '') => {
      repo.write(join(sub, 'package.json'), '{ "name": "lab", "private": true }\n');
      mkdirSync(join(dir, sub, 'node_modules'), { recursive: true });
      symlinkSync(PROJECT, join(dir, sub, 'node_modules', 'aws-key-guard'));
    },
  };
  try {
    if (init) repo.git(['init', '-q']);
    return await fn(repo);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
