import type { FileKind } from '../rules.js';

/**
 * Every user-facing sentence of the report, `explain` and `gitignore`, in English. ja.ts has the
 * same keys (the type makes it so, and a test checks it). Reporters only lay these out.
 */
export const en = {
  blocked: (findings: number, files: number) =>
    `aws-key-guard stopped this commit: it would add ${plural(findings, 'AWS credential')} in ${plural(files, 'staged file')}.`,
  ruleTitle: {
    'aws-access-key-id': 'AWS access key ID',
    'aws-secret-access-key': 'AWS secret access key',
    'aws-session-token': 'AWS session token',
    'aws-bedrock-api-key': 'Amazon Bedrock API key',
    'terraform-state-file': 'Terraform state file',
  } as Record<string, string>,
  wholeFile: '(whole file: state holds secrets in plain text)',
  keyKind: {
    AKIA: 'long-term key of an IAM user or the root user',
    ASIA: 'temporary STS credentials',
    ABIA: 'AWS STS service bearer token',
    ACCA: 'context-specific credential',
  } as Record<string, string>,
  keyInfo: (kind: string, account: string | undefined) =>
    `${kind}, ${account === undefined ? 'an older key: the account cannot be read from it' : `AWS account ${account}`}`,
  historyFound: (findings: number, commits: number) =>
    `aws-key-guard found ${plural(findings, 'AWS credential')} in ${plural(commits, 'commit')}.`,
  inCommit: (sha: string, date: string) => `in commit ${sha} of ${date}`,
  pushedTo: (remote: string) => `(already pushed: ${remote} has it; rotate this key)`,
  historyRotate:
    'Deactivate the key in IAM now: a key in a commit that was pushed, or is about to be, must be treated as leaked.',
  historyRemove:
    'Remove it from the file and commit. If these commits are not pushed yet, rewrite them instead (git commit --amend, or git rebase -i) so that the key never leaves your machine.',
  historyNotEnough: 'Once a key was public, removing it from history is not enough: rotate it.',
  more: (n: number) => `…and ${plural(n, 'more finding')}: npx aws-key-guard scan --format json lists them all.`,
  nowTitle: 'What to do now:',
  stepUnstage: 'Take the file out of this commit (your copy on disk is not changed):',
  stepRemove: 'Remove the key from the file, then stage it and commit again.',
  stepIgnore: 'Keep such files out of Git next time:',
  instead: {
    terraform:
      'In Terraform, delete access_key / secret_key / token from the provider "aws" block: run `aws configure` (or `aws sso login`) and `export AWS_PROFILE=<profile>`, and Terraform finds the credentials itself.',
    tfvars:
      'Keep secret values out of committed .tfvars: use an untracked secrets.auto.tfvars or TF_VAR_<name> variables, and declare the variable with `sensitive = true` and no default.',
    terragrunt:
      'In Terragrunt, remove the literal key: run `aws configure` (or `aws sso login`) and `export AWS_PROFILE=<profile>`; Terragrunt and Terraform read it from your shell.',
    dotenv:
      'Keep .env files untracked (add them to .gitignore) and commit a .env.example with placeholders such as AWS_ACCESS_KEY_ID=your-key-id.',
    'aws-config': 'AWS credentials files belong in ~/.aws/ on your own machine, never in a repository.',
    state:
      'Terraform state holds secrets in plain text: keep it in a remote backend (for example S3 with encryption and locking), and ignore *.tfstate, *.tfstate.* and .terraform/.',
    other: 'Read the key from the environment or a secrets manager instead of writing it in the file.',
  } satisfies Record<FileKind, string>,
  pushedTitle: 'If this key was ever pushed, shared or pasted anywhere, deactivate it in IAM now:',
  pushedCommand: (hint: string) => `aws iam update-access-key --status Inactive --access-key-id <ID>   (${hint})`,
  pushedKeyHint: (redacted: string) => `the ID is ${redacted}`,
  pushedNoId: 'the access key ID that belongs to this secret',
  pushedThen:
    'then delete it, and check every region and your bill for resources you did not create.',
  fullGuide: 'The full guide:',
  pushedState:
    'If this state file was ever pushed, rotate every secret it contains (database passwords, access keys) now.',
  notAKey: 'Not a real key? Add the comment `aws-key-guard:allow` to that line.',
  bypass: 'To commit anyway, once: git commit --no-verify',
  scanned: (files: number, lines: number) =>
    `Scanned ${plural(files, 'staged file')}, ${plural(lines, 'added line')}.`,
  allowedNote: (n: number) => `${plural(n, 'finding')} allowed by the configuration or the baseline.`,
  clean: (files: number, lines: number) =>
    `aws-key-guard: no AWS keys in ${plural(files, 'staged file')} (${plural(lines, 'added line')}).`,
  failClosed: (what: string) =>
    `aws-key-guard could not check this commit (${what}), so it stopped it to be safe. Fix the problem above, or commit once without the check: git commit --no-verify`,
  bug: 'this is a bug in aws-key-guard; please report it with the output of NODE_DEBUG=aws-key-guard',
  skippedByEnv: 'aws-key-guard: AWS_KEY_GUARD=0 is set, so staged files were NOT checked for AWS keys.',
  explainList: 'Rules (npx aws-key-guard explain <rule> for the full guide):',
  explainUnknown: (rule: string) => `There is no rule called "${rule}": run \`npx aws-key-guard explain\` to list them.`,
  guide: {
    'aws-access-key-id': [
      'AWS access key ID (AKIA…, ASIA…, ABIA…, ACCA…)',
      'The first half of an AWS key pair. Together with its secret it lets anyone act as you in AWS:',
      'attackers search public repositories for them within minutes, and launch servers in every region.',
      '',
      'The prefix tells the kind: AKIA is a long-term key of an IAM user (or, worst, the root user);',
      'ASIA is a temporary STS session. Keys issued since 2019 encode the account number, which the',
      'report prints so that you know which account to check.',
    ],
    'aws-secret-access-key': [
      'AWS secret access key (40 characters)',
      'The secret half of an AWS key pair, found assigned to a name such as secret_key,',
      'AWS_SECRET_ACCESS_KEY or SecretAccessKey, or standing next to an access key ID.',
    ],
    'aws-session-token': [
      'AWS session token',
      'Temporary credentials from STS, SSO or an MFA session. They expire, but until then they work',
      'like a key: treat a leaked one as a leaked key, and revoke the role session.',
    ],
    'aws-bedrock-api-key': [
      'Amazon Bedrock API key (ABSK…)',
      'An API key for Amazon Bedrock. It can run models on your bill: delete it in the Bedrock console',
      '(or IAM, for the service-specific credential) if it was ever shared.',
    ],
    'terraform-state-file': [
      'Terraform state file (*.tfstate)',
      'Terraform writes every attribute of your resources to state, including passwords and keys, in',
      'plain text. State must never be committed: use a remote backend.',
    ],
  } as Record<string, string[]>,
  guideInsteadTitle: 'How to write it instead:',
  guideInstead: [
    'provider "aws" {',
    '  region = "ap-northeast-1"',
    '  # no access_key / secret_key here: Terraform reads AWS_PROFILE,',
    '  # AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or ~/.aws/ itself',
    '}',
    '',
    'variable "db_password" {',
    '  type      = string',
    '  sensitive = true   # no default: set TF_VAR_db_password, or use an untracked *.auto.tfvars',
    '}',
  ],
  guidePushedTitle: 'If the key was ever pushed, shared or pasted anywhere:',
  guidePushed: [
    '1. Deactivate and delete it now: IAM console > Users > Security credentials, or',
    '   aws iam update-access-key --status Inactive --access-key-id <ID>',
    '   aws iam delete-access-key --access-key-id <ID>',
    '2. Check every region for instances, databases and other resources you did not create;',
    '   look at the Billing page, Cost Explorer and CloudTrail event history.',
    '3. Enable MFA on the root user and delete any root access keys.',
    '4. Use IAM users or roles with least privilege, given through groups.',
    '5. Contact AWS Support about charges you did not make: they can often waive them.',
    'Removing the commit from history is not enough once it was public: the key was already copied.',
  ],
  gitignoreOk: '.gitignore already has every entry a Terraform repository needs.',
  gitignoreMissing: (n: number) => `.gitignore is missing ${plural(n, 'entry', 'entries')} a Terraform repository needs:`,
  gitignoreWriteHint: 'Run `npx aws-key-guard gitignore --write` to append them (nothing is removed).',
  gitignoreWritten: (n: number, file: string) => `Appended ${plural(n, 'entry', 'entries')} to ${file}.`,
  gitignoreWhy: {
    '*.tfstate': 'state holds secrets in plain text',
    '*.tfstate.*': 'state backups too',
    '.terraform/': 'provider binaries and cached state',
    '.env': 'dotenv files hold real secrets',
    '.env.*': 'dotenv variants too',
    '!.env.example': 'but keep the example file',
    '*.auto.tfvars': 'local variable values, often secret',
    'crash.log': 'Terraform crash logs',
    'crash.*.log': 'Terraform crash logs',
    '*.tfplan': 'saved plans contain secret values',
  } as Record<string, string>,
  // ---- The server hook (scan --pre-receive, install --server) and the GitHub Action (ci) ----
  receiveRefused: 'aws-key-guard on the server refused this push: its new commits add AWS keys. Nothing of this push was stored.',
  receiveRewrite:
    'The server refuses every push that holds these commits, so a new commit that deletes the key is not enough: rewrite them so that no commit holds the key (git rebase -i, or git commit --amend for the last one), then push again.',
  receiveClean: (files: number, lines: number) =>
    `aws-key-guard: no AWS keys in the pushed commits (${plural(files, 'file')}, ${plural(lines, 'added line')}).`,
  receiveTimeoutRefused: (seconds: number) =>
    `aws-key-guard: checking this push took longer than ${seconds} s, so the server refused it (awsKeyGuard.onTimeout is refuse). Push fewer commits at a time, or ask the server's administrator to raise awsKeyGuard.timeout.`,
  receiveTimeoutAllowed: (seconds: number) =>
    `aws-key-guard: warning: checking this push took longer than ${seconds} s, so the server let it in unchecked (awsKeyGuard.onTimeout is allow).`,
  receiveSkippedByEnv: 'aws-key-guard: AWS_KEY_GUARD=0 is set on the server, so this push was NOT checked for AWS keys.',
  serverChange: {
    create: (_: string, file: string, dry: boolean) => `aws-key-guard: ${dry ? 'would create' : 'created'} ${file}`,
    replace: (_: string, file: string, dry: boolean) => `aws-key-guard: ${dry ? 'would update' : 'updated'} our hook in ${file}`,
    move: (saved: string, _file: string, dry: boolean) =>
      `aws-key-guard: ${dry ? 'would keep' : 'kept'} the existing pre-receive hook as ${saved}; it still runs first, with the same input`,
    remove: (_: string, file: string, dry: boolean) => `aws-key-guard: ${dry ? 'would remove' : 'removed'} our hook ${file}`,
    restore: (_: string, file: string, dry: boolean) => `aws-key-guard: ${dry ? 'would put' : 'put'} the previous hook back at ${file}`,
    none: (_: string, file: string) => `aws-key-guard: ${file}: nothing to do`,
  },
  serverDone:
    'Done: this repository now refuses a push whose new commits add an AWS key. Settings: git config awsKeyGuard.timeout <seconds> (default 60) and awsKeyGuard.onTimeout refuse|allow (default refuse).',
  serverFromNpx: (root: string) =>
    `This runs from ${root}, a temporary npx folder, and the hook would stop every push once npm clears it: install the package for good (npm install -g aws-key-guard), then run aws-key-guard install --server.`,
  ciClean: (files: number, lines: number) => `No AWS keys in the scanned commits (${plural(files, 'file')}, ${plural(lines, 'added line')}).`,
  ciScope: {
    deleted: () => 'nothing: the push deleted a branch or tag',
    push: (revs: string) => `the commits of this push (${revs})`,
    'new-branch': (revs: string) => `the commits of ${revs} that no other branch has (a new branch, or a force-push)`,
    'pull-request': (revs: string) => `the commits of this pull request (${revs})`,
    'merge-group': (revs: string) => `the commits of this merge group (${revs})`,
    history: () => 'every commit of the checked-out history',
  } as Record<string, (revs: string) => string>,
  ciWhat: (what: string) => `Scanned: ${what}`,
  ciColumns: ['Where', 'Credential', 'Value', 'Rule', 'Commit'],
  ciMore: (n: number) => `…and ${plural(n, 'more finding')}.`,
  ciAllowed: (n: number) => `${plural(n, 'finding')} allowed by the configuration or the baseline.`,
};

export type Messages = typeof en;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
