#!/usr/bin/env node
/**
 * The command-line entry, thin like husky's bin: checks the Node.js version, then runs the program
 * (program.js) through V8's code cache. Compiling the program is a good part of a commit's cost,
 * so a scan saves the compiled code next to it (`.cache/`, per Node.js version) and later runs
 * start from it. V8 does not check the cache's integrity, so the cache carries its own: the
 * program's size and time, and V8's data written twice, which must read the same byte for byte
 * (a native comparison: a hash would cost loading node:crypto, more than the cache saves on a
 * small commit). Anything else is ignored and remade, so a damaged or foreign cache can never
 * crash or slow a commit. Where `.cache/` cannot be written, every run simply compiles.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { dirname, join } from 'node:path';
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
  run(join(import.meta.dirname, 'program.js'));
}

function run(program: string): void {
  const fd = openSync(program, 'r');
  const stat = fstatSync(fd);
  const source = Buffer.allocUnsafe(stat.size);
  for (let at = 0; at < source.length; ) at += readSync(fd, source, at, source.length - at, at) || source.length;
  closeSync(fd);
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const cacheFile = join(dirname(program), '.cache', `program-${process.version}-${process.arch}.v8`);
  const cachedData = readCache(cacheFile, stamp);
  const script = new Script(wrap(source.toString('utf8')), { filename: program, ...(cachedData ? { cachedData } : {}) });
  // Saved at exit, when the functions this run needed are compiled and so in the cache too; and
  // only by a scan, the run every commit makes (a cache made by `install` would leave it out).
  if ((cachedData === undefined || script.cachedDataRejected === true) && process.argv[2] === 'scan') {
    process.once('exit', () => saveCache(script, cacheFile, stamp));
  }
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(program), module, program, dirname(program));
}

/** The cache file: a header line `aws-key-guard-cache <stamp> <length>\n`, then V8's data twice. */
function readCache(file: string, stamp: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined; // the first run here
  }
  const nl = bytes.indexOf(10);
  const [magic, fileStamp, length, more] = bytes.toString('latin1', 0, Math.max(nl, 0)).split(' ');
  const size = Number(length);
  const data = bytes.subarray(nl + 1, nl + 1 + size);
  const ok = nl > 0 && magic === 'aws-key-guard-cache' && fileStamp === stamp && more === undefined && size > 0 && bytes.length === nl + 1 + 2 * size && data.equals(bytes.subarray(nl + 1 + size));
  return ok ? data : undefined;
}

function saveCache(script: Script, file: string, stamp: string): void {
  const temporary = `${file}.${process.pid}`;
  let fd: number;
  try {
    mkdirSync(dirname(file), { recursive: true });
    fd = openSync(temporary, 'wx'); // before serializing: a read-only install pays nothing more
  } catch {
    return; // a read-only install: no cache, no harm
  }
  try {
    const data = script.createCachedData();
    writeSync(fd, `aws-key-guard-cache ${stamp} ${data.length}\n`);
    writeSync(fd, data);
    writeSync(fd, data);
    closeSync(fd);
    renameSync(temporary, file); // whole or not at all, whoever else is writing it
  } catch {
    rmSync(temporary, { force: true });
  }
}
