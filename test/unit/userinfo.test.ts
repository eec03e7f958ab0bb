import { describe, expect, it } from 'vitest';
import { userinfoSecrets } from '../../src/userinfo.js';
import { fakeAccessKeyId, fakeSecretAccessKey } from '../helpers/fakeKeys.js';

describe('passwords of AWS URLs', () => {
  const secret = fakeSecretAccessKey('+');
  const encoded = encodeURIComponent(secret);

  it('finds them by scheme or by a user that is or names a key ID, and decodes %2F and %2B', () => {
    for (const url of [`s3://someone:${encoded}@b`, `s3a://x:${secret}@b`, `https://${fakeAccessKeyId()}:${encoded}@b`, `https://$ACCESS_KEY:${encoded}@b`, `sqs://{{aws_key_id}}:${encoded}@`]) {
      expect([...userinfoSecrets(`u = "${url}"`)].map((u) => u.value), url).toEqual([secret]);
    }
  });

  it('gives the place and length of the password as written', () => {
    const text = `X=s3://\${AWS_ACCESS_KEY_ID}:${encoded}@bucket`;
    expect([...userinfoSecrets(text)]).toEqual([{ index: text.indexOf(encoded), length: encoded.length, value: secret }]);
  });

  it('passes other URLs, passwords of another length, and other escapes', () => {
    for (const url of [`postgres://app:${encoded}@db`, `https://user:${encoded}@example.com`, `s3://x:${secret.slice(1)}@b`, `s3://x:${secret.slice(3)}%3D%3D%3D@b`, 's3://bucket/key', 'https://example.com']) {
      expect([...userinfoSecrets(url)], url).toEqual([]);
    }
  });
});
