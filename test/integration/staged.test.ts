import { describe, expect, it } from 'vitest';
import { scanStaged } from '../../src/changes.js';
import { fakeAccessKeyId, fakeSecretAccessKey } from '../helpers/fakeKeys.js';
import { withTempRepo, type TempRepo } from '../helpers/withTempRepo.js';

const provider = (id: string, secret: string) =>
  `provider "aws" {\n  region     = "ap-northeast-1"\n  access_key = "${id}"\n  secret_key = "${secret}"\n}\n`;
const clean = 'provider "aws" {\n  region = "ap-northeast-1"\n}\n';

/** The scan as the hook runs it: a process in the repository, with the repository's git env. */
async function found(repo: TempRepo, paths?: string[]) {
  const r = await scanStaged(paths ? { cwd: repo.dir, paths } : { cwd: repo.dir });
  return r.findings.map((f) => `${f.file}:${f.line}:${f.rule}`);
}

describe('what is scanned: the index, never the working tree', () => {
  it('blocks a key that is staged, on the first commit of a repository', async () => {
    await withTempRepo(async (repo) => {
      repo.write('main.tf', provider(fakeAccessKeyId(), fakeSecretAccessKey()));
      repo.stage('main.tf');
      expect(await found(repo)).toEqual(['main.tf:3:aws-access-key-id', 'main.tf:4:aws-secret-access-key']);
    });
  });

  it('passes a key that is only in the working tree', async () => {
    await withTempRepo(async (repo) => {
      repo.write('main.tf', clean);
      repo.stage('main.tf');
      repo.write('main.tf', provider(fakeAccessKeyId(), fakeSecretAccessKey()));
      expect(await found(repo)).toEqual([]);
    });
  });

  it('blocks a key that was staged and then removed from the working tree', async () => {
    await withTempRepo(async (repo) => {
      repo.write('main.tf', provider(fakeAccessKeyId(), fakeSecretAccessKey()));
      repo.stage('main.tf');
      repo.write('main.tf', clean);
      expect(await found(repo)).toHaveLength(2);
    });
  });

  it('judges a partially staged file (git add -p) by its staged part', async () => {
    await withTempRepo(async (repo) => {
      const id = fakeAccessKeyId();
      repo.write('vars.tf', 'variable "a" {}\n');
      repo.stage('vars.tf');
      repo.git(['commit', '-qm', 'base']);
      // Stage only the key half through the index directly, like `git add -p` would.
      const blob = repo.git(['hash-object', '-w', '--stdin'], { input: `variable "a" {}\n# ${id}\n` }).stdout.trim();
      repo.git(['update-index', '--cacheinfo', `100644,${blob},vars.tf`]);
      repo.write('vars.tf', 'variable "a" {}\nvariable "b" {}\n');
      expect(await found(repo)).toEqual(['vars.tf:2:aws-access-key-id']);
    });
  });

  it('reads the index named by GIT_INDEX_FILE, as git commit -a does', async () => {
    await withTempRepo(async (repo) => {
      repo.write('main.tf', clean);
      repo.stage('main.tf');
      repo.git(['commit', '-qm', 'base']);
      repo.write('main.tf', provider(fakeAccessKeyId(), fakeSecretAccessKey()));
      const index = `${repo.dir}/../other-index`;
      repo.git(['read-tree', 'HEAD'], { env: { GIT_INDEX_FILE: index } });
      repo.git(['add', 'main.tf'], { env: { GIT_INDEX_FILE: index } });
      expect(repo.cli(['scan']).code).toBe(0);
      const r = repo.cli(['scan'], { GIT_INDEX_FILE: index });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('main.tf:3:');
    });
  });
});

describe('only added lines count', () => {
  it('passes a commit that removes a key', async () => {
    await withTempRepo(async (repo) => {
      repo.write('main.tf', provider(fakeAccessKeyId(), fakeSecretAccessKey()));
      repo.stage('main.tf');
      repo.git(['commit', '-qm', 'leak', '--no-verify']);
      repo.write('main.tf', clean);
      repo.stage('main.tf');
      expect(await found(repo)).toEqual([]);
    });
  });

  it('passes a pure rename of a file that already held a key, and blocks a key added while renaming', async () => {
    await withTempRepo(async (repo) => {
      const body = `${'# filler line\n'.repeat(20)}${provider(fakeAccessKeyId(), fakeSecretAccessKey())}`;
      repo.write('old.tf', body);
      repo.stage('old.tf');
      repo.git(['commit', '-qm', 'leak']);
      repo.git(['mv', 'old.tf', 'new name.tf']);
      expect(await found(repo)).toEqual([]);
      repo.write('new name.tf', `${body}# ${fakeAccessKeyId()}\n`);
      repo.stage('new name.tf');
      expect(await found(repo)).toEqual(['new name.tf:26:aws-access-key-id']);
    });
  });

  it('gives line numbers of the staged file and uses unchanged neighbours as context', async () => {
    await withTempRepo(async (repo) => {
      const lines = Array.from({ length: 40 }, (_, i) => `# line ${i + 1}`);
      lines[29] = '  name = "AWS_SECRET_ACCESS_KEY"';
      repo.write('task.tf', `${lines.join('\n')}\n`);
      repo.stage('task.tf');
      repo.git(['commit', '-qm', 'base']);
      lines.splice(30, 0, `  value = "${fakeSecretAccessKey()}"`);
      repo.write('task.tf', `${lines.join('\n')}\n`);
      repo.stage('task.tf');
      expect(await found(repo)).toEqual(['task.tf:31:aws-secret-access-key']);
    });
  });

  it('ignores deleted files', async () => {
    await withTempRepo(async (repo) => {
      repo.write('main.tf', provider(fakeAccessKeyId(), fakeSecretAccessKey()));
      repo.stage('main.tf');
      repo.git(['commit', '-qm', 'leak']);
      repo.git(['rm', '-q', 'main.tf']);
      expect(await found(repo)).toEqual([]);
    });
  });
});

describe('scope', () => {
  it.each([
    'main.tf', 'prod.tfvars', 'secrets.auto.tfvars', 'stack.tf.json', 'vars.tfvars.json', 'terragrunt.hcl',
    '.env', '.env.production', 'app/prod.env', '.envrc', 'credentials', 'home/.aws/credentials', '.aws/config', 'MAIN.TF',
    // copies and templates: editor and merge leftovers, examples, Terraform templates, Terragrunt's JSON
    'notes.tf.bak', 'main.tf.orig', 'main.tf~', 'prod.tfvars~', 'prod.tfvars.bak', 'terraform.tfvars.example',
    'user_data.tftpl', 'prod.s3.tfbackend', 'terragrunt.hcl.json',
  ])('scans %s', async (path) => {
    await withTempRepo(async (repo) => {
      repo.write(path, `x = "${fakeAccessKeyId()}"\n`);
      repo.stage(path);
      expect(await found(repo)).toEqual([`${path}:1:aws-access-key-id`]);
    });
  });

  it.each(['main.py', 'README.md', 'terraform.tfplan.txt', 'env', 'main.tfplan', 'model.tflite', 'main.tf.d/notes.txt'])('does not read %s', async (path) => {
    await withTempRepo(async (repo) => {
      repo.write(path, `x = "${fakeAccessKeyId()}"\n`);
      repo.stage(path);
      expect(await found(repo)).toEqual([]);
    });
  });

  it.each(['terraform.tfstate', 'env/prod/terraform.tfstate.backup', 'terraform.tfstate.1700000000.backup'])(
    'blocks the state file %s outright',
    async (path) => {
      await withTempRepo(async (repo) => {
        repo.write(path, '{"version": 4}\n');
        repo.stage(path);
        expect(await found(repo)).toEqual([`${path}:0:terraform-state-file`]);
      });
    },
  );

  it('restricts the scan to the paths given, still reading their staged content', async () => {
    await withTempRepo(async (repo) => {
      repo.write('a.tf', `x = "${fakeAccessKeyId()}"\n`);
      repo.write('sub/b.tf', `x = "${fakeAccessKeyId()}"\n`);
      repo.stage('a.tf', 'sub/b.tf');
      repo.write('sub/b.tf', 'clean\n');
      expect(await found(repo, ['sub/b.tf'])).toEqual(['sub/b.tf:1:aws-access-key-id']);
      expect(await found(repo, [`${repo.dir}/a.tf`])).toEqual(['a.tf:1:aws-access-key-id']);
      repo.write('other.tf', `x = "${fakeAccessKeyId()}"\n`); // on disk, not staged
      expect(await found(repo, ['other.tf'])).toEqual([]);
      await expect(found(repo, ['typo.tf'])).rejects.toThrow('typo.tf: no such file or folder here, nor in the index.');
    });
  });
});

describe('awkward files and paths', () => {
  it.each(['with space.tf', 'quote"s.tf', "apo'strophe.tf", 'back\\slash.tf', 'ノンアスキー.tf', 'new\nline.tf', '-leading-dash.tf', 'tab\tin.tf'])(
    'finds a key in %j',
    async (path) => {
      await withTempRepo(async (repo) => {
        repo.write(path, `x = "${fakeAccessKeyId()}"\n`);
        repo.git(['add', '--', path]);
        expect(await found(repo)).toEqual([`${path}:1:aws-access-key-id`]);
      });
    },
  );

  it('handles CRLF line endings, a UTF-8 BOM and a missing final newline', async () => {
    await withTempRepo(async (repo) => {
      const id = fakeAccessKeyId();
      repo.write('crlf.tf', `\ufeffa = 1\r\nsecret_key = "${fakeSecretAccessKey()}"\r\nb = "${id}"`);
      repo.stage('crlf.tf');
      const r = await scanStaged({ cwd: repo.dir });
      expect(r.findings.map((f) => [f.line, f.column])).toEqual([[2, 15], [3, 6]]);
    });
  });

  it('scans the text runs of a file with NUL bytes, and one that .gitattributes calls binary', async () => {
    await withTempRepo(async (repo) => {
      repo.write('bin.tf', Buffer.concat([Buffer.from('\0\x01\x02'), Buffer.from(`x = "${fakeAccessKeyId()}"\n`)]));
      repo.write('.gitattributes', 'hidden.tf binary\n');
      repo.write('hidden.tf', `x = "${fakeAccessKeyId()}"\n`);
      repo.stage('bin.tf', '.gitattributes', 'hidden.tf');
      const r = await scanStaged({ cwd: repo.dir });
      expect(r.findings.map((f) => f.file)).toEqual(['bin.tf', 'hidden.tf']);
    });
  });

  it.each([
    ['UTF-16LE without a byte-order mark', (t: string) => Buffer.from(t, 'utf16le')],
    ['UTF-16BE with a byte-order mark', (t: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()])],
    ['UTF-32LE', (t: string) => Buffer.concat([...t].map((c) => { const b = Buffer.alloc(4); b.writeUInt32LE(c.codePointAt(0) as number); return b; }))],
    ['UTF-32BE', (t: string) => Buffer.concat([...t].map((c) => { const b = Buffer.alloc(4); b.writeUInt32BE(c.codePointAt(0) as number); return b; }))],
  ])('decodes a file in %s and finds its key at its line', async (_name, encode) => {
    await withTempRepo(async (repo) => {
      repo.write('wide.tf', encode(`a = 1\nb = 2\naccess_key = "${fakeAccessKeyId()}"\n`));
      repo.stage('wide.tf');
      expect(await found(repo)).toEqual(['wide.tf:3:aws-access-key-id']);
    });
  });

  it('decodes a UTF-16 file and finds its key', async () => {
    await withTempRepo(async (repo) => {
      const text = `a = 1\r\naccess_key = "${fakeAccessKeyId()}"\r\n`;
      repo.write('utf16.tf', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      repo.stage('utf16.tf');
      expect(await found(repo)).toEqual(['utf16.tf:2:aws-access-key-id']);
    });
  });

  it('is not misled by diff settings in the user configuration', async () => {
    await withTempRepo(async (repo) => {
      for (const [k, v] of [['diff.noprefix', 'true'], ['diff.mnemonicPrefix', 'true'], ['diff.relative', 'true'], ['color.diff', 'always'], ['diff.renames', 'copies'], ['diff.suppressBlankEmpty', 'true'], ['diff.external', 'false']]) {
        repo.git(['config', k as string, v as string]);
      }
      repo.write('sub/main.tf', `\n\nx = "${fakeAccessKeyId()}"\n`);
      repo.stage('sub/main.tf');
      expect(await found(repo)).toEqual(['sub/main.tf:3:aws-access-key-id']);
    });
  });

  it('skips symlinks and submodules but scans a file that replaced a symlink', async () => {
    await withTempRepo(async (repo) => {
      repo.run('ln', ['-s', 'target-AKIA.tf', 'link.tf']);
      repo.stage('link.tf');
      repo.git(['commit', '-qm', 'link']);
      expect(await found(repo)).toEqual([]);
      repo.run('rm', ['link.tf']);
      repo.write('link.tf', `x = "${fakeAccessKeyId()}"\n`);
      repo.stage('link.tf');
      expect(await found(repo)).toEqual(['link.tf:1:aws-access-key-id']);
    });
  });

  it('works in the middle of a merge', async () => {
    await withTempRepo(async (repo) => {
      repo.write('a.tf', 'a = 1\n');
      repo.stage('a.tf');
      repo.git(['commit', '-qm', 'base']);
      repo.git(['checkout', '-qb', 'other']);
      repo.write('b.tf', 'b = 1\n');
      repo.stage('b.tf');
      repo.git(['commit', '-qm', 'other']);
      repo.git(['checkout', '-q', 'main']);
      repo.write('c.tf', 'c = 1\n');
      repo.stage('c.tf');
      repo.git(['commit', '-qm', 'main']);
      repo.git(['merge', '--no-commit', '--no-ff', 'other'], { allowFail: true });
      repo.write('d.tf', `d = "${fakeAccessKeyId()}"\n`);
      repo.stage('d.tf');
      expect(await found(repo)).toEqual(['d.tf:1:aws-access-key-id']);
    });
  });
});
describe('a name in a block reaches the values near it', () => {
  const ciSecret = (gap: number, secret: string) =>
    `resource "github_actions_secret" "ci" {\n  repository  = "infra"\n  secret_name = "AWS_SECRET_ACCESS_KEY"\n${'  # note\n'.repeat(gap)}  plaintext_value = "${secret}"\n}\n`;

  it.each([0, 4])('with %i lines between, in a new file and in a big edited one', async (gap) => {
    await withTempRepo(async (repo) => {
      repo.write('ci.tf', ciSecret(gap, fakeSecretAccessKey()));
      repo.stage('ci.tf');
      expect(await found(repo)).toEqual([`ci.tf:${4 + gap}:aws-secret-access-key`]);
      // a file too big to be read whole: only the windows around the names
      const filler = 'resource "aws_s3_bucket" "b" {\n  bucket = "logs"\n}\n'.repeat(1000);
      repo.write('big.tf', filler);
      repo.stage('big.tf');
      repo.git(['commit', '-qm', 'base', '--no-verify']);
      repo.write('big.tf', `${filler}${ciSecret(gap, fakeSecretAccessKey())}`);
      repo.stage('big.tf');
      expect(await found(repo)).toEqual([`big.tf:${3004 + gap}:aws-secret-access-key`]);
    });
  });

  it('but not into the next block, however close', async () => {
    await withTempRepo(async (repo) => {
      repo.write('ci.tf', `${ciSecret(0, 'x').replace(/plaintext_value = "x"/, 'plaintext_value = var.secret')}resource "aws_s3_object" "b" {\n  object_id = "${fakeSecretAccessKey()}"\n}\n`);
      repo.stage('ci.tf');
      expect(await found(repo)).toEqual([]);
    });
  });

  it('nor from a one-line object into its siblings (an ECS task definition)', async () => {
    await withTempRepo(async (repo) => {
      const ecs = (label: string, value: string) =>
        `resource "aws_ecs_task_definition" "app" {\n  container_definitions = jsonencode([{\n    name = "app"\n    environment = [\n      ${label},\n      { name = "RELEASE_ID", value = "${value}" },\n    ]\n  }])\n}\n`;
      repo.write('ecs.tf', ecs('{ name = "AWS_SECRET_ACCESS_KEY", valueFrom = aws_ssm_parameter.sk.arn }', fakeSecretAccessKey()));
      repo.stage('ecs.tf');
      expect(await found(repo)).toEqual([]);
      // the same name inside the value's own object still names it
      repo.write('ecs.tf', ecs(`{ name = "AWS_SECRET_ACCESS_KEY", value = "${fakeSecretAccessKey()}" }`, 'v1'));
      repo.stage('ecs.tf');
      expect(await found(repo)).toEqual(['ecs.tf:5:aws-secret-access-key']);
    });
  });
});

describe('Git settings that change how a diff is printed', () => {
  it('diff.suppressBlankEmpty: blank context lines keep their numbers, each key is found once', async () => {
    await withTempRepo(async (repo) => {
      repo.git(['config', 'diff.suppressBlankEmpty', 'true']);
      repo.write('main.tf', 'a = 1\n\nb = 2\n\n');
      repo.stage('main.tf');
      repo.git(['commit', '-qm', 'base', '--no-verify']);
      repo.write('main.tf', `a = 1\n\nb = 2\n\naccess_key = "${fakeAccessKeyId()}"\nsecret_key = "${fakeSecretAccessKey()}"\n\nc = 3\n`);
      repo.stage('main.tf');
      expect(await found(repo)).toEqual(['main.tf:5:aws-access-key-id', 'main.tf:6:aws-secret-access-key']);
    });
  });
});
