#!/usr/bin/env node
/**
 * The command-line entry, thin like husky's bin: checks the Node.js version, then runs the program
 * (program.js) through V8's code cache. Compiling the program is a good part of a commit's cost,
 * so the first scan saves the compiled code next to it (`.cache/`, per Node.js version), and later
 * runs start from it; where that folder cannot be written, every run simply compiles.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const MIN_NODE = 20;
const major = Number(process.versions.node.split('.')[0]);
if (major < MIN_NODE) {
  // Said before anything newer is touched, so that an old Node.js gives a sentence, not a crash.
  process.stderr.write(
    `aws-key-guard: needs Node.js ${MIN_NODE} or newer, and this is ${process.versions.node}: update Node.js, or skip once with --no-verify.\n`,
  );
  process.exitCode = 2;
} else {
  run(join(dirname(fileURLToPath(import.meta.url)), 'program.js'));
}

function run(program: string): void {
  const cacheFile = join(dirname(program), '.cache', `program-${process.version}-${process.arch}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // the first run here
  }
  const script = new Script(wrap(readFileSync(program, 'utf8')), { filename: program, ...(cachedData ? { cachedData } : {}) });
  // Saved at exit, when the functions this run needed are compiled and so in the cache too; and
  // only by a scan, the run that every commit makes: a cache made by `install` (a user's first
  // run) would leave the scanner out, and each commit would compile it again (2.5 ms).
  if ((cachedData === undefined || script.cachedDataRejected === true) && process.argv[2] === 'scan') {
    process.once('exit', () => saveCache(script, cacheFile));
  }
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(program), module, program, dirname(program));
}

function saveCache(script: Script, cacheFile: string): void {
  const temporary = `${cacheFile}.${process.pid}`;
  let fd: number;
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    fd = openSync(temporary, 'wx'); // before serializing: a read-only install pays nothing more
  } catch {
    return; // a read-only install: no cache, no harm
  }
  try {
    writeSync(fd, script.createCachedData());
    closeSync(fd);
    renameSync(temporary, cacheFile); // whole or not at all, whoever else is writing it
  } catch {
    rmSync(temporary, { force: true });
  }
}
