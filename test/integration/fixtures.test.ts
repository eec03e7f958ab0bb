import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanChanges } from '../../src/changes.js';
import { fill, randomFrom } from '../helpers/fakeKeys.js';
import { PROJECT, withTempRepo } from '../helpers/withTempRepo.js';

const dir = (kind: 'ok' | 'ng') => join(PROJECT, 'test', 'fixtures', kind);
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

describe('ok fixtures: tricky, real-world Terraform that must give zero findings', () => {
  it.each(readdirSync(dir('ok')).map((f) => [f]))('%s', async (name) => {
    await withTempRepo(async (repo) => {
      repo.write(name, readFileSync(join(dir('ok'), name)));
      repo.stage(name);
      const r = await scanChanges({ cwd: repo.dir });
      expect(r.summary.files).toBe(1);
      expect(r.findings).toEqual([]);
    });
  });

  it('a certificate in a Secrets Manager secret, whatever the length of its lines', async () => {
    await withTempRepo(async (repo) => {
      const lines = [randomFrom(BASE64, 64), randomFrom(BASE64, 40)];
      repo.write(
        'cert.tf',
        `resource "aws_secretsmanager_secret_version" "cert" {\n  secret_id     = aws_secretsmanager_secret.cert.id\n  secret_string = <<EOF\n-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\nEOF\n}\n`,
      );
      repo.stage('cert.tf');
      expect((await scanChanges({ cwd: repo.dir })).findings).toEqual([]);
    });
  });

  it('an SSH public key and a user_data blob', async () => {
    await withTempRepo(async (repo) => {
      repo.write('keys.tf', `resource "aws_key_pair" "deployer" {\n  key_name   = "deployer"\n  public_key = "ssh-rsa AAAAB3NzaC1yc2E${randomFrom(BASE64, 360)} deployer@example"\n}\nresource "aws_instance" "web" {\n  user_data_base64 = "${randomFrom(BASE64, 400)}=="\n}\n`);
      repo.stage('keys.tf');
      expect((await scanChanges({ cwd: repo.dir })).findings).toEqual([]);
    });
  });
});

describe('ng fixtures: each leaks, with its placeholders filled by fresh fake keys', () => {
  const expected: Record<string, string[]> = {
    'provider.tf': ['aws-access-key-id', 'aws-secret-access-key'],
    'container.tf': ['aws-secret-access-key'],
    'prod.tfvars': ['aws-access-key-id', 'aws-secret-access-key'],
    '.env': ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token'],
    credentials: ['aws-access-key-id', 'aws-secret-access-key'],
    'heredoc.tf': ['aws-secret-access-key'],
    'ci-secret.tf': ['aws-secret-access-key'],
  };
  it('lists every ng fixture here', () => {
    expect(readdirSync(dir('ng')).sort()).toEqual(Object.keys(expected).sort());
  });
  it.each(Object.entries(expected))('%s', async (name, rules) => {
    await withTempRepo(async (repo) => {
      const { text, values } = fill(readFileSync(join(dir('ng'), name), 'utf8'));
      repo.write(name, text);
      repo.stage(name);
      const r = await scanChanges({ cwd: repo.dir });
      expect(r.findings.map((f) => f.rule)).toEqual(rules);
      expect(JSON.stringify(r)).not.toContain(values[0]);
    });
  });
});
