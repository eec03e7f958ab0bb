import { allMatches, KEY_ID_RULE } from './rules.js';

/** A secret access key written as the password of a URL: where it stands, and its decoded value. */
export interface UserinfoSecret {
  index: number;
  /** the password's length as written (URL-encoded or not) */
  length: number;
  value: string;
}

/** URL schemes whose user and password are an AWS key pair (S3 for Hadoop and others, Airflow, Celery's SQS). */
const AWS_SCHEMES = /^(?:s3|s3a|s3n|aws|sqs)$/i;

/** A user part that refers to an access key ID: `${AWS_ACCESS_KEY_ID}`, `$ACCESS_KEY`, `{{ aws_key_id }}`. */
const KEY_ID_REFERENCE = /[$%{].*(?:access|key_?id|aws)/i;
/** A database's URL: its user is a database user whatever the reference is called (`${AWS_RDS_USER}`). */
const DATABASE_SCHEMES = /^(?:postgres(?:ql)?|mysql|mariadb|redis|rediss|mongodb(?:\+srv)?|amqps?|mssql|sqlserver|oracle|jdbc|cockroachdb)$/i;

/**
 * Pure: the passwords of URLs that are AWS secret access keys: `s3://AKIA…:SECRET@bucket`,
 * `aws://${AWS_ACCESS_KEY_ID}:SECRET@`, the secret URL-encoded or not (`%2F` for `/`, `%2B` for
 * `+`). The URL must be AWS's by its user (an access key ID, or a reference naming one) or its
 * scheme; a database URL's password is not. The value is checked for shape by the caller.
 *
 * Linear in the line: each `://` is looked at once, with bounded parts; the user stops at the next
 * `:` or `/` and the password at the next `:`, so the looks do not overlap beyond a constant.
 */
export function* userinfoSecrets(text: string): Generator<UserinfoSecret> {
  const after = /([^\s:@/"'`]{1,200}):([A-Za-z0-9%+/]{40,160})@/y;
  for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) {
    after.lastIndex = at + 3;
    const m = after.exec(text);
    if (m === null) continue;
    const user = m[1] as string;
    const value = decode(m[2] as string);
    if (value === undefined) continue;
    const scheme = /[A-Za-z][A-Za-z0-9+.-]{0,15}$/.exec(text.slice(Math.max(0, at - 16), at))?.[0] ?? '';
    const reference = DATABASE_SCHEMES.test(scheme) ? /[$%{].*(?:access|key_?id)/i.test(user) : KEY_ID_REFERENCE.test(user);
    if (!AWS_SCHEMES.test(scheme) && !isKeyId(user) && !reference) continue;
    yield { index: at + 3 + user.length + 1, length: (m[2] as string).length, value };
  }
}

function isKeyId(user: string): boolean {
  return allMatches(KEY_ID_RULE.pattern, user).some((m) => m[0] === user);
}

/** The password with `%2F` and `%2B` decoded, when it is then 40 characters of a secret's alphabet. */
function decode(password: string): string | undefined {
  const value = password.replace(/%2F/gi, '/').replace(/%2B/gi, '+');
  return /^[A-Za-z0-9+/]{40}$/.test(value) ? value : undefined;
}
