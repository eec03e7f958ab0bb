import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeAccessKeyId } from '../helpers/fakeKeys.js';
import { withTempRepo, type TempRepo } from '../helpers/withTempRepo.js';

/**
 * The staged diff's one road, through the installed hook and a real `git commit`: a pipe from Git
 * to the scanner, no file of staged content anywhere, and no way to hang when a process dies.
 */
const linux = process.platform === 'linux';

/** A repository with the hook installed, one commit, and a 50 MB file staged whose last line holds a key. */
function bigLeak(repo: TempRepo): string {
  repo.linkPackage();
  expect(repo.cli(['install']).code).toBe(0);
  repo.write('README.md', '# lab\n');
  repo.stage('README.md');
  repo.git(['commit', '-qm', 'base', '--no-verify']);
  const key = fakeAccessKeyId();
  const line = 'resource "aws_s3_bucket" "b" { bucket = "logs-0123456789abcdef0123456789" }\n';
  repo.write('big.tf', `${line.repeat(Math.ceil((50 << 20) / line.length))}access_key = "${key}"\n`);
  repo.stage('big.tf');
  return key;
}

interface Proc {
  pid: number;
  ppid: number;
  cmd: string;
}

/** The processes of a process group, from /proc. */
function group(pgid: number): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid || fields[0] === 'Z') continue; // a zombie runs nothing
      out.push({ pid: Number(name), ppid: Number(fields[1]), cmd: readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ') });
    } catch {
      // gone already
    }
  }
  return out;
}

/** Runs `git commit` in a process group of its own; `onTick` sees its processes every few ms. */
function commit(repo: TempRepo, env: NodeJS.ProcessEnv, onTick: (procs: Proc[], elapsed: number) => void): Promise<{ code: number | null; output: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('git', ['commit', '-qm', 'big'], { cwd: repo.dir, env: { ...repo.env, ...env }, detached: true });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setInterval(() => onTick(group(child.pid as number), Date.now() - started), 5);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code, output, ms: Date.now() - started });
    });
  });
}

const head = (repo: TempRepo) => repo.git(['rev-parse', 'HEAD']).stdout.trim();

describe.skipIf(!linux)('the staged diff through the installed hook', () => {
  it('is never written to a file: nothing in $TMPDIR or /dev/shm ever holds the key', async () => {
    await withTempRepo(async (repo) => {
      const key = bigLeak(repo);
      const tmp = join(repo.dir, '..', 'tmp');
      mkdirSync(tmp);
      const shmBefore = new Set(readdirSync('/dev/shm'));
      const seen = new Set<string>();
      const look = () => {
        for (const name of readdirSync(tmp, { recursive: true })) seen.add(join(tmp, String(name)));
        for (const name of readdirSync('/dev/shm')) if (!shmBefore.has(name)) seen.add(join('/dev/shm', name));
      };
      const before = head(repo);
      const r = await commit(repo, { TMPDIR: tmp }, look);
      look();
      expect(r.code).toBe(1);
      expect(r.output).toContain('big.tf:');
      expect(head(repo)).toBe(before);
      const holding = [...seen].filter((p) => {
        try {
          return statSync(p).isFile() && readFileSync(p).includes(key);
        } catch {
          return false;
        }
      });
      expect(holding).toEqual([]);
      expect(readdirSync(tmp)).toEqual([]);
    });
  }, 120_000);

  it('works the same with a $TMPDIR that has no free inode and no free byte', async () => {
    await withTempRepo(async (repo) => {
      repo.linkPackage();
      expect(repo.cli(['install']).code).toBe(0);
      const full = join(repo.dir, '..', 'full');
      mkdirSync(full);
      // A tiny RAM disk (root only; where it cannot be made, this case is covered by the others).
      if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4k,nr_inodes=2', 'tmpfs', full]).status !== 0) return;
      try {
        spawnSync('sh', ['-c', `head -c 8192 /dev/zero > "${full}/fill"`]);
        expect(spawnSync('sh', ['-c', `: > "${full}/more"`]).status).not.toBe(0); // full indeed
        repo.write('main.tf', `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n}\n`);
        repo.stage('main.tf');
        const blocked = repo.git(['commit', '-qm', 'leak'], { allowFail: true, env: { TMPDIR: full } });
        expect(blocked.code).toBe(1);
        expect(blocked.stdout + blocked.stderr).toContain('main.tf:2');
        repo.write('main.tf', 'provider "aws" {\n  region = "eu-west-1"\n}\n');
        repo.stage('main.tf');
        expect(repo.git(['commit', '-qm', 'clean'], { allowFail: true, env: { TMPDIR: full } }).code).toBe(0);
      } finally {
        spawnSync('umount', [full]);
      }
    });
  }, 60_000);

  it.each([
    ['Git writing the diff', (p: Proc[]) => p.find((x) => / diff --cached --text /.test(x.cmd))],
    ['the scanner', (p: Proc[]) => p.find((x) => / scan --stdin/.test(x.cmd))],
    ['the hook shell', (p: Proc[]) => hookShells(p)[0]],
    ['the subshell that runs Git', (p: Proc[]) => hookShells(p)[1]],
  ])('refuses the commit within 2 seconds when %s is killed (SIGKILL)', async (_what, pick) => {
    await withTempRepo(async (repo) => {
      bigLeak(repo);
      const before = head(repo);
      let killedAt: number | undefined;
      const r = await commit(repo, {}, (procs, elapsed) => {
        if (killedAt !== undefined) return;
        // once Git and the scanner both run, so that the diff is half-way through the pipe
        if (!procs.some((x) => / scan --stdin/.test(x.cmd)) || !procs.some((x) => / diff --cached --text /.test(x.cmd))) return;
        const target = pick(procs);
        if (target === undefined) return;
        process.kill(target.pid, 'SIGKILL');
        killedAt = elapsed;
      });
      expect(killedAt, 'the process to kill was seen').toBeDefined();
      expect(r.code).not.toBe(0);
      expect(r.ms - (killedAt as number)).toBeLessThan(2000);
      expect(head(repo)).toBe(before);
      // Git and the scanner say why in one line; a killed hook shell leaves the scanner to finish
      // its report on its own (Git has refused the commit already).
      if (_what !== 'the hook shell') expect(r.output.trim().split('\n').length).toBeLessThanOrEqual(2);
    });
  }, 120_000);

  it('leaves nothing running after Ctrl-C (SIGINT to the foreground process group)', async () => {
    await withTempRepo(async (repo) => {
      bigLeak(repo);
      const before = head(repo);
      let pgid: number | undefined;
      const r = await commit(repo, {}, (procs) => {
        const scanner = procs.find((x) => / scan --stdin/.test(x.cmd));
        if (pgid !== undefined || scanner === undefined || !procs.some((x) => / diff --cached --text /.test(x.cmd))) return;
        pgid = procs.find((x) => x.cmd.startsWith('git commit'))?.pid;
        if (pgid !== undefined) process.kill(-pgid, 'SIGINT');
      });
      expect(pgid).toBeDefined();
      expect(r.code).not.toBe(0);
      expect(head(repo)).toBe(before);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(group(pgid as number).map((p) => p.cmd)).toEqual([]);
    });
  }, 120_000);
});

/**
 * The shells running our hook script (the package's hooks/pre-commit, which Git's own hook file
 * calls): the hook itself first, then the subshell it forked.
 */
function hookShells(procs: Proc[]): Proc[] {
  const shells = procs.filter((x) => /aws-key-guard\/hooks\/pre-commit/.test(x.cmd) && !/ node /.test(x.cmd));
  const ids = new Set(shells.map((s) => s.pid));
  return [...shells.filter((s) => !ids.has(s.ppid)), ...shells.filter((s) => ids.has(s.ppid))];
}
