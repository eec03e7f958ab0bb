/**
 * Data only: what is scanned and what is found. Adding a file type means editing TARGET_FILES;
 * adding a rule means adding an entry to RULES (and its examples, which the rule tests run).
 * Examples are templates: `{{ACCESS_KEY_ID}}`, `{{SECRET_ACCESS_KEY}}`, `{{SESSION_TOKEN}}` and
 * `{{BEDROCK_API_KEY}}` are filled with freshly generated fake keys by the tests (placeholder and
 * documentation shapes too), so this repository never holds a key-shaped string.
 */

/** The kinds of file in scope; the remediation advice is chosen by kind. */
export type FileKind = 'terraform' | 'tfvars' | 'terragrunt' | 'dotenv' | 'aws-config' | 'state' | 'other';

/** Git glob pathspecs (matched case-insensitively from the repository top) and the kind of each. */
export const TARGET_FILES: readonly { glob: string; kind: FileKind }[] = [
  { glob: '**/*.tf', kind: 'terraform' },
  { glob: '**/*.tf.json', kind: 'terraform' },
  { glob: '**/*.tfvars', kind: 'tfvars' },
  { glob: '**/*.tfvars.json', kind: 'tfvars' },
  { glob: '**/*.hcl', kind: 'terragrunt' },
  // Templates and backend settings: `templatefile()` input, `terraform init -backend-config=`.
  { glob: '**/*.tftpl', kind: 'terraform' },
  { glob: '**/*.tfbackend', kind: 'tfvars' },
  // Copies of the files above, where keys hide next: `main.tf.bak`, `prod.tfvars.orig` (a merge's
  // leftover), `terraform.tfvars.example`, `terragrunt.hcl.json` (Terragrunt's JSON form), and
  // editors' backups ending in `~`. (The state globs below take `*.tfstate.*` first: see kindOf.)
  { glob: '**/*.tf.*', kind: 'terraform' },
  { glob: '**/*.tf~', kind: 'terraform' },
  { glob: '**/*.tfvars.*', kind: 'tfvars' },
  { glob: '**/*.tfvars~', kind: 'tfvars' },
  { glob: '**/*.hcl.*', kind: 'terragrunt' },
  { glob: '**/*.hcl~', kind: 'terragrunt' },
  { glob: '**/.env', kind: 'dotenv' },
  { glob: '**/.env.*', kind: 'dotenv' },
  { glob: '**/*.env', kind: 'dotenv' },
  { glob: '**/.envrc', kind: 'dotenv' },
  { glob: '**/credentials', kind: 'aws-config' },
  { glob: '**/.aws/config', kind: 'aws-config' },
  { glob: '**/*.tfstate', kind: 'state' },
  { glob: '**/*.tfstate.*', kind: 'state' },
];

/** What a rule's value must stand next to before it counts. */
export type RuleContext =
  /** the shape alone is a credential (an access key ID, a Bedrock API key) */
  | 'shape'
  /** a credential name on the same line, on a label line just above, or an access key ID nearby */
  | 'named';

export interface Rule {
  /** kebab-case, stable forever: shown in output, in allow lists and as a README heading */
  id: string;
  title: string;
  /**
   * The cheap prefilter: one of these must stand within WINDOW lines. `keywords` are fixed strings
   * of the value or of what holds it (a key ID's prefix, a URL scheme), matched as written (key IDs
   * are upper case); `nameWords` are words of the credential's name, matched in any case, as the
   * names themselves are.
   */
  keywords: readonly string[];
  nameWords?: readonly string[];
  /** Global; capture group 1 is the value. Boundaries are look-arounds of one character. */
  pattern: RegExp;
  context: RuleContext;
  /** For 'named': names that make the value a credential (checked case-insensitively). */
  names?: RegExp;
  /** Values of the pattern's shape that are known to be something else. */
  notValues?: RegExp;
  /** Under a bare provider name: a value with one of these characters beside it is a piece of something else. */
  notBeside?: string;
  /** For 'named': in these file kinds a bare `token` before the value also names it (the provider argument, `--token`). */
  providerNames?: { kinds: readonly FileKind[]; name: RegExp };
  /**
   * For 'named': an access key ID also makes the value a credential: within WINDOW lines, in the
   * same block, or anywhere in the lines given of a small file (PAIRING_KINDS).
   */
  pairsWithKeyId?: boolean;
  /**
   * For 'named': the words that make an environment variable's name AWS's. Such a name (a dotenv
   * key, or a name held as a value: `name = "SECRET_KEY"`) counts only with one of them, or with
   * an access key ID near, since `SECRET_KEY` alone is as often a web framework's own secret.
   */
  awsWords?: RegExp;
  /** For 'named': values in the password of an AWS URL (`s3://ID:SECRET@…`) count too. */
  inUrls?: boolean;
  /** For 'named': values whose shape alone is enough (for example an STS token's fixed prefix). */
  selfEvident?: RegExp;
  /**
   * What every value of a 'named' rule holds, for the hook's question to Git (hookscript.ts): a
   * run of `length` characters of the class `chars` (POSIX bracket syntax). A 'shape' rule's
   * value starts with one of its `keywords` instead.
   */
  valueRun?: { chars: string; length: number };
  examples: { match: readonly Example[]; noMatch: readonly Example[] };
}

/**
 * A rule's example: one added line of `main.tf`, or lines (joined by `\n`, all added) of the file
 * named, whose kind decides. In a match, the last placeholder is the value found.
 */
export type Example = string | { file: string; text: string };

/** How many lines above and below a value its context may stand. */
export const WINDOW = 5;

/** Marker that silences findings on its line, in whatever comment syntax the file uses. */
export const ALLOW_MARKER = 'aws-key-guard:allow';

/** Names of hashes and digests: a 40-character value under these is not a secret. */
export const HASH_NAMES =
  /(?:hash|sha\d*|md5|etag|checksum|digest|fingerprint|thumbprint|commit|revision|\bref\b|version_id|nonce)/i;

/**
 * Kinds of small files, mostly assignments, whose every line may hold half of a key pair: a
 * secret pairs with an access key ID anywhere in the lines given, not only within WINDOW lines.
 */
export const PAIRING_KINDS: readonly FileKind[] = ['dotenv', 'tfvars', 'aws-config'];

/** Value names that say the value is some other credential: no key ID beside it makes it AWS's. */
export const OTHER_CREDENTIAL_NAMES = /passw|pwd|token|webhook|api[_-]?key|jwt|csrf|cookie|salt|signing|encrypt/i;

/** Generic value names that take their meaning from a label line just above. */
export const GENERIC_VALUE_NAMES = /^(?:value|default|secret|data|content|val|text)$/i;

const SECRET_NAMES = /secret[_\-. ]?(?:access[_\-. ]?)?key|aws[_\-]?secret(?![a-z])|secretaccesskey/i;
const TOKEN_NAMES = /session[_\-. ]?token|security[_\-. ]?token|sessiontoken/i;

export const RULES: readonly Rule[] = [
  {
    id: 'aws-access-key-id',
    title: 'AWS access key ID',
    keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    pattern: /(?<![A-Za-z0-9])((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9])/g,
    context: 'shape',
    examples: {
      match: [
        'access_key = "{{ACCESS_KEY_ID}}"',
        'AWS_ACCESS_KEY_ID={{ACCESS_KEY_ID}}',
        'export AWS_ACCESS_KEY_ID="{{ACCESS_KEY_ID}}"',
        '"aws_access_key_id": "{{ACCESS_KEY_ID}}",',
        'aws_access_key_id = {{ACCESS_KEY_ID}}',
        '# old key: {{ACCESS_KEY_ID}}',
        'value = "{{ACCESS_KEY_ID}}" # rotated later',
      ],
      noMatch: [
        'access_key = var.aws_access_key',
        'access_key = "${var.access_key}"',
        'AWS_ACCESS_KEY_ID=YOUR_ACCESS_KEY_ID',
        'access_key = "{{KEY_ID_RUN}}"',
        'access_key = "{{KEY_ID_SEQUENCE}}"',
        'access_key = "{{DOC_KEY_ID}}"',
        'principal = "{{AIDA_ID}}"',
        'role_id = "{{AROA_ID}}"',
        'access_key = "test"',
        'access_key = ""',
        'key = "AKIA{{LOWER16}}"',
        'blob = "x{{ACCESS_KEY_ID}}"',
        'blob = "{{ACCESS_KEY_ID}}7"',
        'access_key = "{{ACCESS_KEY_ID}}" # aws-key-guard:allow',
      ],
    },
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    // `3://`: an S3 URL (`s3://`, `s3a://`, `s3n://`), whose password may be a secret. Not `s3:`,
    // which every IAM action (`s3:GetObject`) starts with: the prefilter would stop at each.
    keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA', '3://', '3a://', '3n://'],
    nameWords: ['secret'],
    pattern: /(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g,
    context: 'named',
    valueRun: { chars: 'A-Za-z0-9/+%', length: 40 }, // % for the URL-encoded / and + of a URL's password
    names: SECRET_NAMES,
    pairsWithKeyId: true,
    awsWords: /aws|access|s3|amazon|(?<![A-Za-z])iam(?![A-Za-z])/i,
    inUrls: true,
    examples: {
      match: [
        'secret_key = "{{SECRET_ACCESS_KEY}}"',
        'AWS_SECRET_ACCESS_KEY={{SECRET_ACCESS_KEY}}',
        'export AWS_SECRET_ACCESS_KEY={{SECRET_ACCESS_KEY}}',
        'AWS_SECRET_KEY: "{{SECRET_ACCESS_KEY}}"',
        '"SecretAccessKey": "{{SECRET_ACCESS_KEY}}"',
        'aws_secret_access_key = {{SECRET_ACCESS_KEY}}',
        'secret_access_key = "{{SECRET_ACCESS_KEY}}"',
        '# secret_key = "{{SECRET_ACCESS_KEY}}"',
        'secret_key = "{{SECRET_ENDING_SLASH}}"',
        // a label and its value in one block, whatever the two attributes are called
        'resource "github_actions_secret" "aws" {\n  repository      = "infra"\n  secret_name     = "AWS_SECRET_ACCESS_KEY"\n  plaintext_value = "{{SECRET_ACCESS_KEY}}"\n}',
        '{\n  "variable": "aws_secret_access_key",\n  "value_plaintext": "{{SECRET_ACCESS_KEY}}"\n}',
        // a key ID and its secret anywhere in one provider block, or in a small file
        'provider "aws" {\n  access_key = "{{ACCESS_KEY_ID}}"\n  region     = "eu-west-1"\n  default_tags {\n    tags = {\n      team = "platform"\n    }\n  }\n  skip_requesting_account_id = true\n  s = "{{SECRET_ACCESS_KEY}}"\n}',
        { file: '.env', text: 'AWS_ACCESS_KEY_ID={{ACCESS_KEY_ID}}\nAWS_REGION=eu-west-1\n\n# app\nPORT=8080\nLOG_LEVEL=info\nWORKERS=4\nBACKUP_CREDENTIAL={{SECRET_ACCESS_KEY}}' },
        { file: '.env', text: 'AWS_SECRET_KEY={{SECRET_ACCESS_KEY}}' },
        { file: '.env', text: 'AWS_SECRET_KEY_ID={{SECRET_ACCESS_KEY}}' },
        // the provider's own names as a variable, and an AWS label that opens a block or a heredoc
        'variable "secret_key" {\n  default = "{{SECRET_ACCESS_KEY}}"\n}',
        'aws_secret_access_key = {\n  value = "{{SECRET_ACCESS_KEY}}"\n}',
        { file: '.env', text: '# AWS_SECRET_ACCESS_KEY\nSECRET={{SECRET_ACCESS_KEY}}' },
        // prose that says AWS, on the line or above it
        '# AWS secret key\nsecret = "{{SECRET_ACCESS_KEY}}"',
        'default = "{{SECRET_ACCESS_KEY}}" # my AWS secret key',
        'variable "aws_secret" {\n  default = "{{SECRET_ACCESS_KEY}}" # the secret key\n}',
        { file: '.env', text: 'ACCESS_KEY={{ACCESS_KEY_ID}}\nSECRET_KEY={{SECRET_ACCESS_KEY}}' },
        // the password of an AWS URL, URL-encoded or not
        { file: '.env', text: 'BACKUP_URL=s3://${AWS_ACCESS_KEY_ID}:{{SECRET_URL_ENCODED}}@my-bucket/db' },
        { file: '.env', text: 'AIRFLOW_CONN_AWS_DEFAULT=aws://{{ACCESS_KEY_ID}}:{{SECRET_URL_ENCODED}}@/?region_name=eu-west-1' },
      ],
      noMatch: [
        'secret_key = var.aws_secret_key',
        'secret_key = "${var.secret_key}"',
        'secret_key = data.aws_ssm_parameter.secret.value',
        'secret_key = "{{HEX40}}"',
        'source_code_hash = "{{SECRET_ACCESS_KEY}}"',
        'secret_key = "{{SECRET_RUN}}"',
        'secret_key = "{{DOC_SECRET}}"',
        'secret_key = "<secret>"',
        'secret_key = "changeme"',
        'secret_key = "REPLACE_ME"',
        'secret_key = "****************************************"',
        'secret_key = "test"',
        'name = "{{SECRET_ACCESS_KEY}}"',
        // another product's secret under a name that adds its own word
        { file: 'terraform.tfvars', text: 'recaptcha_secret_key = "{{SECRET_ACCESS_KEY}}"' },
        'variable "django_secret_key" {\n  default = "{{SECRET_ACCESS_KEY}}"\n}',
        'secret_key = "{{SECRET_ACCESS_KEY}}" # aws-key-guard:allow',
        // a label does not reach into a sibling block, nor make a hash a secret
        'resource "github_actions_secret" "a" {\n  secret_name     = "AWS_SECRET_ACCESS_KEY"\n  plaintext_value = var.secret\n}\nresource "aws_s3_object" "b" {\n  object_id = "{{SECRET_ACCESS_KEY}}"\n}',
        'resource "github_actions_secret" "a" {\n  secret_name = "AWS_SECRET_ACCESS_KEY"\n  etag        = "{{SECRET_ACCESS_KEY}}"\n}',
        // prose about another use, an app's name with "access", a reference: no labels
        'variable "session_secret" {\n  description = "Secret key used to sign session cookies"\n  default     = "{{SECRET_ACCESS_KEY}}"\n}',
        { file: '.env', text: 'JWT_ACCESS_SECRET_KEY={{SECRET_ACCESS_KEY}}' },
        { file: '.env', text: 'AWS_SECRET_ACCESS_KEY=${AWS_SECRET}\nSECRET={{SECRET_ACCESS_KEY}}' },
        'cookie_secret = "{{SECRET_ACCESS_KEY}}" # the session secret key',
        'cfg = { secret_key_ssm_path = "/app/aws/secret_key", cookie_secret = "{{SECRET_ACCESS_KEY}}" }',
        'container_definitions = jsonencode([{ name = "app", secrets = [{ name = "AWS_SECRET_ACCESS_KEY", valueFrom = aws_ssm_parameter.sk.arn }], environment = [{ name = "SESSION_SECRET", value = "{{SECRET_ACCESS_KEY}}" }] }])',
        { file: 'main.tf.json', text: '{"variable":{"aws_secret_key":{"type":"string"}},"locals":{"session_secret":"{{SECRET_ACCESS_KEY}}"}}' },
        { file: '.env', text: 'DATABASE_URL=postgres://${AWS_RDS_USER}:{{SECRET_ACCESS_KEY}}@${AWS_RDS_HOST}:5432/app\nJWT_SECRET=dev' },
        // a web framework's own secret, with no AWS name or key ID beside it
        { file: '.env', text: 'SECRET_KEY={{SECRET_ACCESS_KEY}}' },
        'environment = [{ name = "SECRET_KEY", value = "{{SECRET_ACCESS_KEY}}" }]',
        // a key ID does not make another credential's value AWS's
        { file: '.env', text: 'AWS_ACCESS_KEY_ID={{ACCESS_KEY_ID}}\nGITHUB_WEBHOOK_SECRET={{SECRET_ACCESS_KEY}}' },
        // a database's password in a URL
        { file: '.env', text: 'DATABASE_URL=postgres://app:{{SECRET_URL_ENCODED}}@db:5432/app' },
      ],
    },
  },
  {
    id: 'aws-session-token',
    title: 'AWS session token',
    keywords: ['IQoJb3JpZ2lu', 'FwoGZXIvYXdz', 'FQoGZXIvYXdz'],
    nameWords: ['token'],
    pattern: /(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{100,16384}={0,2})(?![A-Za-z0-9/+=])/g,
    // base64 of JSON: a JWT's or a tunnel token's start, never an AWS token's
    notValues: /^eyJ/,
    // under a bare `token` or a name without AWS in it: a piece of base64url or of a dotted
    // token (a JWT, NextAuth's, Vault's `hvs.…`)
    notBeside: '._-',
    context: 'named',
    valueRun: { chars: 'A-Za-z0-9/+', length: 100 },
    names: TOKEN_NAMES,
    // any session-token name, but not an app's secret for its own tokens (`SESSION_TOKEN_SECRET`)
    awsWords: /^(?!.*token[_\-. ]?(?:secret|key|salt|sign))/i,
    providerNames: { kinds: ['terraform', 'tfvars', 'terragrunt'], name: /(?:^|[^A-Za-z0-9_])token\b/i },
    selfEvident: /^(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz)/,
    examples: {
      match: [
        'token = "{{SESSION_TOKEN}}"',
        'AWS_SESSION_TOKEN={{SESSION_TOKEN}}',
        'aws_session_token = {{SESSION_TOKEN}}',
        '"SessionToken": "{{SESSION_TOKEN}}"',
        'blob = "{{SESSION_TOKEN}}"',
      ],
      noMatch: [
        'token = var.aws_session_token',
        'AWS_SESSION_TOKEN=',
        'AWS_SESSION_TOKEN=test',
        'user_data = "{{BASE64_120}}"',
        // other tokens: a JWT (dotted base64url), base64 of JSON, a CA certificate after a token reference
        'provider "kubernetes" {\n  host  = "https://203.0.113.10:6443"\n  token = "{{JWT}}"\n}',
        'command = ["tunnel", "run", "--token", "{{BASE64_JSON}}"]',
        { file: 'k8s.tf.json', text: '{"provider":{"kubernetes":{"token":"${var.k8s_token}","cluster_ca_certificate":"{{BASE64_120}}"}}}' },
        { file: '.env', text: 'SESSION_TOKEN_SECRET={{BASE64_120}}' },
      ],
    },
  },
  {
    id: 'aws-bedrock-api-key',
    title: 'Amazon Bedrock API key',
    keywords: ['ABSK', 'bedrock-api-key-'],
    pattern:
      /(?<![A-Za-z0-9+/])(ABSK[A-Za-z0-9+/]{60,16384}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/%=&._-]{20,16384})(?![A-Za-z0-9+/=])/g,
    context: 'shape',
    examples: {
      match: ['AWS_BEARER_TOKEN_BEDROCK={{BEDROCK_API_KEY}}', 'api_key = "{{BEDROCK_API_KEY}}"'],
      noMatch: ['AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS0...', 'AWS_BEARER_TOKEN_BEDROCK=${BEDROCK_KEY}'],
    },
  },
];

/** The access key ID rule: its pattern also finds key IDs to redact in error messages. */
export const KEY_ID_RULE = RULES.find((r) => r.id === 'aws-access-key-id') as Rule;

/** The rule for a staged Terraform state file: blocked whatever it holds. */
export const STATE_FILE_RULE = {
  id: 'terraform-state-file',
  title: 'Terraform state file',
} as const;

/** Every rule id, including the path-only state rule. */
export const RULE_IDS: readonly string[] = [...RULES.map((r) => r.id), STATE_FILE_RULE.id];

/**
 * The AWS documentation's example keys, allowed as exact values. They are kept as truncated
 * sha256 digests so that this repository holds no key-shaped string (scanners downstream would
 * flag them); `isPlaceholder` hashes a value only when it contains "EXAMPLE".
 */
export const DOCUMENTATION_EXAMPLE_DIGESTS: ReadonlySet<string> = new Set([
  '1a5d44a2dca19669d72edf4c4f1c27c4', // the access key ID ending in 7EXAMPLE (AKIA)
  'cb20d34a7adda2f5d2043836051e242f', // the same with the ASIA prefix
  '78314b11be2e581549ac1c4f616563fa', // its secret key, wJalr…EXAMPLEKEY
  'e8a0614b6747a06ff9a2728dd2250bf1', // the SigV4 test-suite variant of that secret (with "+")
  'e21b597ba6b9cafa59d9ebc4d65c0385', // the second documented secret, je7Mt…EXAMPLEKEY
]);

/**
 * Every match of a global pattern in a text, through `exec` from lastIndex 0 (left at 0). Not
 * `matchAll`, which builds a copy of the pattern on each call: a million lines in a keyword-dense
 * diff spent a second on the copies alone.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    found.push(m);
    if (m[0] === '') pattern.lastIndex++;
  }
  pattern.lastIndex = 0;
  return found;
}

/**
 * An extended regular expression (Git's -G) that every line holding a finding matches: each
 * 'shape' rule's value prefixes, and each 'named' rule's run of value characters. A superset by
 * construction; tests check it against every rule's examples and, through Git, generated lines.
 */
export function possibleKeyPattern(): string {
  const literal = (k: string) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = RULES.flatMap((r) => {
    if (r.context === 'shape') return r.keywords.map(literal);
    if (r.valueRun === undefined) throw new Error(`rule ${r.id}: a named rule needs valueRun`);
    // A run that another one implies costs Git's regex engine time and selects nothing more.
    return impliedByAnother(RUN_OF.get(r) as Run) ? [] : [`[${r.valueRun.chars}]{${r.valueRun.length}}`];
  });
  return [...new Set([...parts, ...ESCAPES.map(literal)])].join('|');
}

/** How a key may be written in a string and still be one: a `\u`, `\U` or `\/` escape (scan.ts reads them). */
export const ESCAPES = ['\\u', '\\U', '\\/'];

/** The characters of a bracket expression such as `A-Za-z0-9/+%`, as a table of char codes. */
function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) {
    const from = chars.charCodeAt(i);
    const to = chars[i + 1] === '-' && i + 2 < chars.length ? chars.charCodeAt((i += 2)) : from;
    table.fill(1, from, to + 1);
  }
  return table;
}

const VALUE_PREFIXES = [...RULES.filter((r) => r.context === 'shape').flatMap((r) => r.keywords), ...ESCAPES];
const VALUE_PREFIX = new RegExp(VALUE_PREFIXES.map(regExpLiteral).join('|'));

/** A fixed string as a JavaScript regular expression that matches exactly it. */
export function regExpLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}
interface Run {
  rule: Rule;
  table: Uint8Array;
  length: number;
}
const VALUE_RUNS: Run[] = RULES.flatMap((r) => (r.valueRun === undefined ? [] : [{ rule: r, table: charTable(r.valueRun.chars), length: r.valueRun.length }]));
const RUN_OF = new Map(VALUE_RUNS.map((run) => [run.rule, run]));

/** Another run implies this one (of two equal runs, the first one is kept). */
function impliedByAnother(run: Run): boolean {
  const i = VALUE_RUNS.indexOf(run);
  return VALUE_RUNS.some((o, j) => j !== i && implies(o, run) && (!implies(run, o) || j < i));
}

/** Every run of `b` holds a run of `a`: a's alphabet has all of b's characters, and b is no shorter. */
function implies(a: Run, b: Run): boolean {
  return a.length <= b.length && b.table.every((has, c) => has === 0 || a.table[c] === 1);
}

/**
 * possibleKeyPattern, read by hand: does a line hold a shape rule's prefix or a named rule's run?
 * A line that does not holds no finding, whatever its neighbours say.
 */
export function mayHoldKey(line: string): boolean {
  for (const run of VALUE_RUNS) if (hasRun(line, run.table, run.length)) return true;
  return VALUE_PREFIX.test(line);
}

/**
 * Every match of the rule's value pattern in a line, after a cheap test that one can be there at
 * all (a shape rule's prefix, a named rule's run): most lines near a keyword fail that test and
 * never start the rule's regex, which tries every position.
 */
export function ruleMatches(rule: Rule, line: string): RegExpExecArray[] {
  const run = rule.valueRun === undefined ? undefined : RUN_OF.get(rule);
  const possible = run === undefined ? rule.keywords.some((k) => line.includes(k)) : hasRun(line, run.table, run.length);
  return possible ? allMatches(rule.pattern, line) : [];
}


/**
 * A run of `length` characters of the table: for a run starting at s, the character at
 * s + length - 1 is read first, then backwards; the first one outside the alphabet moves s past
 * it, so most characters of a line are never read (a regex tries every start).
 */
function hasRun(line: string, table: Uint8Array, length: number): boolean {
  for (let s = 0; s + length <= line.length; ) {
    let k = s + length - 1;
    for (; k >= s; k--) {
      const c = line.charCodeAt(k);
      if (c >= 128 || table[c] === 0) break;
    }
    if (k < s) return true;
    s = k + 1;
  }
  return false;
}
