#!/usr/bin/env node
// Benchmark: the whole `aws-key-guard scan` process, and the installed hook script as Git runs it,
// against the floor (starting Node.js once, plus `git diff --cached` of the same change), on
// deterministic repositories of several sizes, each with one planted key pair. Prints a Markdown
// table; exits 1 if a planted key was missed by either.
// Node.js runs with NODE_OPTIONS and NODE_EXTRA_CA_CERTS unset: the latter alone adds tens of
// milliseconds to every Node.js start, which would inflate the floor and hide our own cost.
// --compare DIR also times another built checkout (its dist/cli.js and hooks/pre-commit) in the
// same rotation, for paired before/after numbers.
// Usage: npm run bench [-- --runs 21 --sizes small,medium,large,huge --compare ../old --keep]
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const HOOK = join(ROOT, 'hooks', 'pre-commit');
const { values } = parseArgs({
  options: { compare: { type: 'string' }, runs: { type: 'string', default: '21' }, sizes: { type: 'string', default: 'typical-1,typical-50,small,small-in-big-repo,medium,large,huge,dense-1,dense-50,dense-large,mixed-large' }, keep: { type: 'boolean' } },
});
const RUNS = Number(values.runs);
if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');

// --- deterministic content -------------------------------------------------------------------
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20261128);
const pick = (a) => a[Math.floor(rand() * a.length)];
const chars = (alphabet, n) => Array.from({ length: n }, () => pick(alphabet)).join('');
const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const uuid = () => `${chars(HEX, 8)}-${chars(HEX, 4)}-4${chars(HEX, 3)}-a${chars(HEX, 3)}-${chars(HEX, 12)}`;
const word = () => pick(['app', 'web', 'api', 'data', 'logs', 'core', 'edge', 'batch', 'queue', 'cache', 'auth', 'billing']);
const region = () => pick(['us-east-1', 'eu-west-1', 'ap-northeast-1', 'us-west-2']);

function resource(i) {
  const n = `${word()}_${i}`;
  return pick([
    () => `resource "aws_s3_bucket" "${n}" {\n  bucket = "${word()}-${chars(HEX, 8)}"\n  tags = {\n    Name        = "${n}"\n    Environment = var.environment\n    Owner       = local.owner\n  }\n}\n`,
    () => `resource "aws_lambda_function" "${n}" {\n  function_name    = "${n}"\n  role             = aws_iam_role.${word()}.arn\n  handler          = "index.handler"\n  runtime          = "nodejs20.x"\n  filename         = "${n}.zip"\n  source_code_hash = "${chars(B64, 43)}="\n  environment {\n    variables = {\n      TABLE = aws_dynamodb_table.${word()}.name\n      QUEUE = "${uuid()}"\n    }\n  }\n}\n`,
    () => `resource "aws_iam_role_policy" "${n}" {\n  role   = aws_iam_role.${word()}.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect   = "Allow"\n      Action   = ["s3:GetObject", "s3:PutObject"]\n      Resource = "arn:aws:s3:::${word()}-${chars(HEX, 6)}/*"\n    }]\n  })\n}\n`,
    () => `module "${n}" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.${Math.floor(rand() * 9)}.0"\n  cidr    = "10.${Math.floor(rand() * 255)}.0.0/16"\n  azs     = ["${region()}a", "${region()}b"]\n}\n`,
    () => `variable "${n}" {\n  type        = string\n  description = "The ${word()} ${word()} for ${n}"\n  default     = "${chars(HEX, 40)}"\n}\n`,
    () => `resource "aws_instance" "${n}" {\n  ami           = "ami-${chars(HEX, 17)}"\n  instance_type = "t3.micro"\n  user_data     = base64encode("${chars(B64, 120)}")\n  subnet_id     = module.vpc.private_subnets[0]\n}\n`,
  ])();
}
function tfFile(lines) {
  let out = '';
  for (let i = 0; out.split('\n').length < lines; i++) out += resource(i) + '\n';
  return out.split('\n').slice(0, lines).join('\n') + '\n';
}
// Keyword-dense Terraform as real repositories hold it: Secrets Manager and SSM resources, IAM
// access keys that are referenced (never held), provider `token` arguments, hashes and base64.
function denseResource(i) {
  const n = `${word()}_${i}`;
  return pick([
    () => `resource "aws_secretsmanager_secret" "${n}" {\n  name        = "${word()}/${n}/secret"\n  description = "The ${word()} secret for ${n}"\n  kms_key_id  = aws_kms_key.${word()}.arn\n}\n`,
    () => `resource "aws_secretsmanager_secret_version" "${n}" {\n  secret_id     = aws_secretsmanager_secret.${n}.id\n  secret_string = jsonencode({ username = "${word()}", password = random_password.${n}.result })\n}\n`,
    () => `resource "aws_ssm_parameter" "${n}" {\n  name  = "/${word()}/${n}/token"\n  type  = "SecureString"\n  value = var.${n}_token\n  tags  = { secret_hash = "${chars(HEX, 40)}" }\n}\n`,
    () => `resource "aws_iam_access_key" "${n}" {\n  user = aws_iam_user.${word()}.name\n}\noutput "${n}_secret" {\n  value     = aws_iam_access_key.${n}.secret\n  sensitive = true\n}\n`,
    () => `provider "vault" {\n  alias = "${n}"\n  token = var.vault_token\n}\n`,
    () => `locals {\n  ${n}_token_sha  = "${chars(HEX, 40)}"\n  ${n}_secret_b64 = "${chars(B64, 60)}="\n  ${n}_etag       = "${chars(HEX, 32)}"\n}\n`,
    () => `resource "aws_lambda_function" "${n}" {\n  function_name    = "${n}"\n  source_code_hash = "${chars(B64, 43)}="\n  environment {\n    variables = { SECRET_ARN = aws_secretsmanager_secret.${word()}.arn, TOKEN_PARAM = "/${word()}/token" }\n  }\n}\n`,
  ])();
}
function denseTf(lines) {
  let out = '';
  for (let i = 0; out.split('\n').length < lines; i++) out += denseResource(i) + '\n';
  return out.split('\n').slice(0, lines).join('\n') + '\n';
}
// Ordinary Terraform with such resources mixed in at the density of an independent benchmark
// repository of real-looking Terraform (about 1,600 lines naming a secret and 800 a token in 9 MB).
function mixedTf(lines) {
  let out = '';
  for (let i = 0; out.split('\n').length < lines; i++) out += (rand() < 1 / 28 ? denseResource(i) : resource(i)) + '\n';
  return out.split('\n').slice(0, lines).join('\n') + '\n';
}
function envFile(lines) {
  return Array.from({ length: lines }, (_, i) => `${word().toUpperCase()}_${i}=${pick([uuid(), chars(HEX, 32), `${word()}.example.com`, String(i)])}`).join('\n') + '\n';
}
function tfJson(bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = `    "${word()}_${i}": { "bucket": "${word()}-${chars(HEX, 12)}", "tags": { "id": "${uuid()}", "hash": "${chars(HEX, 40)}" } }`;
    parts.push(p);
    size += p.length + 2;
  }
  return `{\n  "resource": { "aws_s3_bucket": {\n${parts.join(',\n')}\n  } }\n}\n`;
}
const plantedId = () => `AKIA${'Y'}${chars(B32, 15)}`;
const plantedSecret = () => `${chars(B64, 39)}Q`;
const leak = () => `provider "aws" {\n  region     = "${region()}"\n  access_key = "${plantedId()}"\n  secret_key = "${plantedSecret()}"\n}\n`;

// --- repositories ----------------------------------------------------------------------------
function git(dir, ...args) {
  return execFileSync('git', args, { cwd: dir, maxBuffer: 1 << 30, env: GIT_ENV });
}
const { NODE_OPTIONS: _o, NODE_EXTRA_CA_CERTS: _c, ...CLEAN_ENV } = process.env;
const GIT_ENV = { ...CLEAN_ENV, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' };

// typical: a change with no token at all, as most commits are (nothing is planted).
const TYPICAL = new Set(['typical-1', 'typical-50']);
const SIZES = {
  'typical-1': (w) => w('infra/main.tf', tfFile(20).replace(/"[0-9a-f]{40}"/g, '"x"').replace(/[A-Za-z0-9+\/]{40,}/g, 'x')),
  'typical-50': (w) => {
    for (let i = 0; i < 50; i++) w(`modules/m${i}/main.tf`, tfFile(100).replace(/"[0-9a-f]{40}"/g, '"x"').replace(/[A-Za-z0-9+\/]{40,}/g, 'x'));
  },
  'dense-1': (w) => w('infra/secrets.tf', denseTf(40) + leak()),
  'dense-50': (w) => {
    for (let i = 0; i < 49; i++) w(`secrets/m${i}/main.tf`, denseTf(100));
    w('secrets/leak/main.tf', denseTf(95) + leak());
  },
  'dense-large': (w) => {
    for (let i = 0; i < 999; i++) w(`stacks/s${Math.floor(i / 50)}/f${i}.tf`, denseTf(300));
    w('stacks/leak/main.tf', denseTf(100) + leak());
  },
  'mixed-large': (w) => {
    for (let i = 0; i < 999; i++) w(`stacks/s${Math.floor(i / 50)}/f${i}.tf`, mixedTf(300));
    w('stacks/leak/main.tf', mixedTf(100) + leak());
  },
  small: (w) => w('infra/main.tf', tfFile(16) + leak()),
  // the same small change in a repository of 5,000 tracked files and 100 commits (see makeRepo)
  'small-in-big-repo': (w) => w('infra/main.tf', tfFile(16) + leak()),
  medium: (w) => {
    for (let i = 0; i < 49; i++) w(`modules/m${i}/main.tf`, tfFile(100));
    w('envs/prod/main.tf', tfFile(95) + leak());
  },
  large: (w) => {
    for (let i = 0; i < 999; i++) w(`stacks/s${Math.floor(i / 50)}/f${i}.${i % 10 === 0 ? 'tfvars' : i % 7 === 0 ? 'env' : 'tf'}`, i % 7 === 0 ? envFile(300) : tfFile(340));
    w('stacks/leak/main.tf', tfFile(100) + leak());
  },
  huge: (w) => {
    w('generated/big.tf.json', tfJson(50 * 1024 * 1024));
    for (let i = 0; i < 1999; i++) w(`small/s${Math.floor(i / 100)}/f${i}.tf`, tfFile(20));
    w('small/leak/main.tf', tfFile(10) + leak());
  },
};

function makeRepo(base, size) {
  const dir = join(base, size);
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q');
  writeFileSync(join(dir, 'README.md'), '# bench\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'base');
  if (size === 'small-in-big-repo') {
    for (let c = 0; c < 100; c++) {
      for (let i = 0; i < 50; i++) {
        const path = join(dir, `old/c${c}/f${i}.tf`);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, tfFile(30));
      }
      git(dir, 'add', '.');
      git(dir, 'commit', '-qm', `history ${c}`);
    }
  }
  SIZES[size]((path, text) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  });
  git(dir, 'add', '.');
  return dir;
}

// --- measuring -------------------------------------------------------------------------------
function timed(cmd, args, cwd) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { cwd, env: GIT_ENV, encoding: 'buffer', maxBuffer: 1 << 30 });
  const [sec, kb] = r.stderr.toString().trim().split('\n').pop().split(' ');
  return { seconds: Number(sec), mb: Number(kb) / 1024, code: r.status, stdout: r.stdout };
}
function hires(cmd, args, cwd) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env: GIT_ENV, stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  return Number(process.hrtime.bigint() - t) / 1e9;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const base = mkdtempSync(join(tmpdir(), 'akg-bench-'));
// The hook with a CLI that only reads its pipe: what the one pipe and the hook's own steps cost
// before any scanning. The floor has no pipe at all (Git writes to /dev/null).
const READ_ONLY_HOOK = join(base, 'read-only', 'hooks', 'pre-commit');
mkdirSync(join(base, 'read-only', 'dist'), { recursive: true });
mkdirSync(dirname(READ_ONLY_HOOK));
copyFileSync(HOOK, READ_ONLY_HOOK);
writeFileSync(join(base, 'read-only', 'dist', 'package.json'), '{ "type": "commonjs" }\n');
writeFileSync(join(base, 'read-only', 'dist', 'cli.js'), "const b = Buffer.allocUnsafe(1 << 17); while (require('node:fs').readSync(0, b, 0, b.length, null) > 0);\n");
const rows = [];
let missed = false;
try {
  for (const size of values.sizes.split(',')) {
    const dir = makeRepo(base, size);
    const diffBytes = execFileSync('sh', ['-c', 'git diff --cached | wc -c'], { cwd: dir, env: GIT_ENV }).toString().trim();
    const scan = [], hook = [], floorNode = [], floorGit = [], mem = [], oldScan = [], oldHook = [], quiet = [], peer = [], pipe = [];
    // The peer: awslabs' git-secrets (bash and grep), as its own staged pre-commit hook, when installed.
    const hasPeer = spawnSync('git', ['secrets', '--register-aws'], { cwd: dir, env: GIT_ENV }).status === 0;
    const OLD = values.compare === undefined ? undefined : { cli: join(values.compare, 'dist', 'cli.js'), hook: join(values.compare, 'hooks', 'pre-commit') };
    let found = true;
    // one untimed round first: the first run of the CLI writes its code cache (dist/.cache)
    for (const [cmd, args] of [[process.execPath, [CLI, 'scan', '--format', 'json']], ['sh', [HOOK]], [process.execPath, ['-e', '0']], ['git', ['diff', '--cached']]]) hires(cmd, args, dir);
    // Each run times the four in a different order (rotating), so that no one of them always
    // comes right after another's slow moment.
    const steps = [
      () => scan.push(hires(process.execPath, [CLI, 'scan', '--format', 'json'], dir)),
      () => floorNode.push(hires(process.execPath, ['-e', '0'], dir)),
      () => hook.push(hires('sh', [HOOK], dir)),
      () => floorGit.push(hires('git', ['diff', '--cached'], dir)),
      () => quiet.push(hires('git', ['diff', '--cached', '--quiet'], dir)),
      () => pipe.push(hires('sh', [READ_ONLY_HOOK], dir)),
      ...(hasPeer ? [() => peer.push(hires('git', ['secrets', '--pre_commit_hook'], dir))] : []),
      ...(OLD ? [() => oldScan.push(hires(process.execPath, [OLD.cli, 'scan', '--format', 'json'], dir)), () => oldHook.push(hires('sh', [OLD.hook], dir))] : []),
    ];
    if (OLD) for (const [cmd, args] of [[process.execPath, [OLD.cli, 'scan', '--format', 'json']], ['sh', [OLD.hook]]]) hires(cmd, args, dir);
    for (let i = 0; i < RUNS; i++) for (let k = 0; k < steps.length; k++) steps[(i + k) % steps.length]();
    for (let i = 0; i < 3; i++) {
      const r = timed(process.execPath, [CLI, 'scan', '--format', 'json'], dir);
      mem.push(r.mb);
      const doc = JSON.parse(r.stdout.toString());
      // exactly the planted pair: the generated Terraform around it (hashes, base64, ARNs) is clean
      if (TYPICAL.has(size)) found &&= r.code === 0 && doc.findings.length === 0;
      else found &&= r.code === 1 && doc.findings.length === 2 && doc.findings.some((f) => f.rule === 'aws-access-key-id') && doc.findings.some((f) => f.rule === 'aws-secret-access-key');
    }
    missed ||= !found;
    const floor = median(floorNode) + median(floorGit);
    // Ratios are taken run by run (each run times scan, hook and floor back to back, so a slow
    // moment of a shared machine weighs on both sides), then the median of those.
    const floors = floorNode.map((n, i) => n + (floorGit[i] ?? 0));
    const ratio = median(scan.map((t, i) => t / (floors[i] ?? floor)));
    const hookRatio = median(hook.map((t, i) => t / (floors[i] ?? floor)));
    const hookBlocks = spawnSync('sh', [HOOK], { cwd: dir, env: GIT_ENV }).status === (TYPICAL.has(size) ? 0 : 1);
    // paired: this checkout's time over the other's, run by run
    const vsOld = OLD ? { scan: median(scan.map((t, i) => t / (oldScan[i] ?? t))), hook: median(hook.map((t, i) => t / (oldHook[i] ?? t))), oldScan: median(oldScan), oldHook: median(oldHook) } : undefined;
    rows.push({ size, diffMB: (Number(diffBytes) / 1e6).toFixed(1), scan: median(scan), hook: median(hook), floor, ratio, hookRatio, mem: Math.max(...mem), found: found && hookBlocks, vsOld, quiet: median(quiet), node: median(floorNode), pipe: median(pipe), pipeRatio: median(pipe.map((t, i) => t / (floors[i] ?? floor))), peer: hasPeer ? median(peer) : undefined });
    process.stderr.write(`${size}: done\n`);
  }
} finally {
  if (!values.keep) rmSync(base, { recursive: true, force: true });
  else process.stderr.write(`kept ${base}\n`);
}

const f = (s) => `${s.toFixed(3)} s`;
console.log(`Environment: NODE_OPTIONS and NODE_EXTRA_CA_CERTS unset for every timed run (they were ${process.env.NODE_OPTIONS ? 'set' : 'unset'} and ${process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset'} here); git with no system or global configuration`);
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}, ${execFileSync('git', ['--version']).toString().trim()}; median of ${RUNS} runs\n`);
const typical = rows.filter((r) => TYPICAL.has(r.size));
if (typical.length > 0) {
  console.log('Typical commits (no token at all): the hook against `git diff --cached --quiet` and `node -e 0`\n');
  console.log('| size | the hook (median) | git diff --cached --quiet | node -e 0 | hook / node -e 0 | nothing found |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const r of typical) console.log(`| ${r.size} | ${f(r.hook)} | ${f(r.quiet)} | ${f(r.node)} | ${(r.hook / r.node).toFixed(2)} × | ${r.found ? 'yes' : 'NO'} |`);
  console.log('');
}
console.log('| size | staged diff | scan (median) | floor: node -e 0 + git diff --cached | scan / floor (median of runs) | the hook (median) | hook / floor | the hook with a CLI that only reads (/ floor) | git-secrets hook (bash/grep) | peak memory | exactly the planted key found |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of rows.filter((x) => !TYPICAL.has(x.size))) console.log(`| ${r.size} | ${r.diffMB} MB | ${f(r.scan)} | ${f(r.floor)} | ${r.ratio.toFixed(2)} × | ${f(r.hook)} | ${r.hookRatio.toFixed(2)} × | ${f(r.pipe)}: ${r.pipeRatio.toFixed(2)} × | ${r.peer === undefined ? '—' : f(r.peer)} | ${r.mem.toFixed(0)} MB | ${r.found ? 'yes' : 'NO'} |`);
if (values.compare !== undefined) {
  console.log(`\nPaired against ${values.compare} (median of run-by-run ratios; below 1 is faster):\n`);
  console.log('| size | scan then | scan now | now / then | hook then | hook now | now / then |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.size} | ${f(r.vsOld.oldScan)} | ${f(r.scan)} | ${r.vsOld.scan.toFixed(2)} × | ${f(r.vsOld.oldHook)} | ${f(r.hook)} | ${r.vsOld.hook.toFixed(2)} × |`);
}
process.exitCode = missed ? 1 : 0;
