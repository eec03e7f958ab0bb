import type { HookPlace } from '../hookplace.js';
import type { Change } from '../install.js';
import type { FileKind } from '../rules.js';

/**
 * Every user-facing sentence of the report, `explain` and `gitignore`, in English. ja.ts has the
 * same keys (the type makes it so, and a test checks it). Reporters only lay these out.
 */
export const en = {
  /** credentials in files, and state files (a whole file, not a credential); `staged` false for `scan --all` */
  blocked: (findings: number, files: number, stateFiles = 0, staged = true) => {
    const what = [
      findings > 0 ? `${plural(findings, 'AWS credential')} in ${plural(files, staged ? 'staged file' : 'file')}` : '',
      stateFiles > 0 ? plural(stateFiles, 'Terraform state file') : '',
    ].filter((s) => s !== '').join(' and ');
    return staged ? `aws-key-guard stopped this commit: it would add ${what}.` : `aws-key-guard found ${what}.`;
  },
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
  historyRemove: (sha: string) =>
    'Take the key out of the commits themselves: a new commit that deletes it does not help, as the push still carries the old one. ' +
    `If they are not pushed yet, run \`git rebase -i ${sha}~1\` (or \`git rebase -i --root\` if that is your first commit), ` +
    'change "pick" to "edit" on each commit that adds the key, and at each stop remove the key, then run `git commit --amend -a` and `git rebase --continue`.',
  trackedRemove: 'Remove the key from the file and commit; it is still in the commits before, so treat it as leaked.',
  historyNotEnough: 'Once a key was public, removing it from history is not enough: rotate it.',
  more: (n: number) => `…and ${plural(n, 'more finding')}: npx aws-key-guard scan --format json lists them all.`,
  nowTitle: 'What to do now:',
  fixFirst: 'first try `npx aws-key-guard fix` (it shows every change and asks), or by hand:',
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
  notAKeyJson:
    'Not a real key in a JSON file (no comments there)? Add its fingerprint, from `npx aws-key-guard scan --format json`, to "allow" in .aws-key-guard.json.',
  stepRemoveDotenv: 'Keep the key in your own copy only: the file stays on your disk, out of Git.',
  bypass: 'To commit anyway, once: git commit --no-verify',
  scanned: (files: number, lines: number, staged = true) =>
    `Scanned ${plural(files, staged ? 'staged file' : 'file')}, ${plural(lines, staged ? 'added line' : 'line')}.`,
  allowedNote: (n: number) => `${plural(n, 'finding')} allowed by the configuration or the baseline.`,
  clean: (files: number, lines: number, staged = true) =>
    `aws-key-guard: no AWS keys in ${plural(files, staged ? 'staged file' : 'file')} (${plural(lines, staged ? 'added line' : 'line')}).`,
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
  fix: {
    nothing: 'aws-key-guard fix: no AWS keys are staged, so there is nothing to fix. (If `git commit -a` was refused, stage the files first: git add -u, then run fix again.)',
    pushed: (remote: string) =>
      `This key is already on ${remote}: deactivate it in IAM now. Taking it out of the file does not take it back from anyone who copied it.`,
    planTitle: 'aws-key-guard fix will:',
    profileNew: (profile: string, file: string) => `save the key in ${file} as a new profile "${profile}" (no existing profile is changed)`,
    profileReused: (profile: string, file: string) => `use the profile "${profile}" in ${file}, which already holds this key`,
    useProfile: (where: string, profile: string) => `${where}: replace access_key / secret_key / token with profile = "${profile}"`,
    removeLines: (where: string, names: string) => `${where}: remove ${names}`,
    keptIn: (file: string) => `keep those values in ${file} (not tracked by Git; Terraform loads it from that folder)`,
    untrack: (file: string) => `take ${file} out of the index (your copy on disk stays as it is)`,
    restore: (file: string) => `put ${file} in the index back as it was last committed (your copy on disk stays as it is: keep its key out of Git)`,
    example: (file: string) => `write ${file} with the same names and placeholder values, and stage it`,
    exampleTaken: (file: string) => `${file} already exists, so it is left as it is`,
    gitignore: (lines: string) => `add to .gitignore: ${lines}`,
    gitignoreNotStaged: '.gitignore has changes you have not staged, so fix adds its lines there but does not stage it',
    leaveTitle: 'Left alone (fix changes a file only when it is sure):',
    why: {
      layout: 'fix cannot follow this file’s layout (a heredoc, or braces it cannot match), so it does not touch it; remove the key by hand',
      quoted: 'the key is inside a string, comment or heredoc; remove it by hand',
      notAssignment: 'the key is not on a line of its own as name = "value" (for example inside jsonencode); remove it by hand',
      block: 'the key is not directly in a provider "aws" or backend "s3" block, a variable\'s default, a .tfvars file or Terragrunt inputs; remove it by hand',
      pair: 'fix needs access_key and secret_key (and token, if set) both as plain values in the block to save them as a profile; remove them by hand',
      profileSet: 'the block already sets a profile or a credentials file; remove the keys by hand',
      partial: 'the file on disk differs from what is staged (partial staging); stage the whole file (git add <file>) or undo your other changes, then run fix again',
      unknownKind: 'fix does not rewrite this kind of file; remove the key by hand',
      json: 'fix does not rewrite JSON files; remove the key by hand',
      exampleFile: 'an example file is meant to be committed: replace the real values with placeholders by hand',
      encoding: 'the file is not plain UTF-8 text; remove the key by hand',
      conflict: 'secrets.auto.tfvars beside it is tracked by Git or already sets the same variable; move the values by hand',
      childModule: "this is a child module's variable, which Terraform sets only from the module block that calls it (not from .auto.tfvars or TF_VAR_): delete the default, and pass the value in that module block from a variable of the root module",
    } as Record<string, string>,
    diffTitle: 'The changes (values redacted):',
    dryRun: 'Dry run: nothing was changed. Run `npx aws-key-guard fix` to make these changes.',
    ask: 'Make these changes? [y/N] ',
    noTty: 'fix changes your files and the index: run it in a terminal to confirm, or add --yes (see the changes first with --dry-run).',
    cancelled: 'Nothing was changed.',
    staged: (files: string) => `Staged: ${files}`,
    unstaged: (files: string) => `Taken out of the index (kept on disk): ${files}`,
    restored: (files: string) => `Back in the index as last committed (kept on disk as it is): ${files}`,
    unsetVars: (names: string, n: number, file: string) =>
      `${names} now ${n === 1 ? 'has' : 'have'} no value in the committed file. Terraform reads it from ${file}; where that file is not loaded (another folder, -var-file, CI), set TF_VAR_<name> instead.`,
    profileNote: (profile: string) =>
      `Terraform now reads the key from the profile "${profile}": nothing else to set. Other tools can use it with AWS_PROFILE=${profile}.`,
    canCommit: 'No AWS keys are staged now: the commit can go through. Run your git commit again.',
    stillFound: (n: number) => `${plural(n, 'finding')} still staged: the commit would still be refused. Fix the places listed above by hand.`,
    rotate: 'If this key was ever pushed, shared or pasted anywhere, deactivate it in IAM now: removing it from the file does not make it safe again.',
  },
  usage: `Usage: aws-key-guard <command> [options]

Commands:
  scan [paths...]      Scan the staged changes (the index) for AWS keys; with paths, only those
    --all              every tracked file (the whole index), not just the staged changes
    --range A..B       the lines added by each commit in a revision range (CI, pre-push)
    --history          every commit reachable from HEAD
    --pre-push [remote url]  the commits being pushed, as a pre-push hook reads them from Git;
                       what the named remote has already is not new
    --pre-receive      on a Git server: the pushed commits new to the repository (hooks/pre-receive)
    --stdin            the staged diff as the installed hook pipes it in (see hooks/pre-commit)
  baseline             Record today's findings in .aws-key-guard-baseline.json (fingerprints only)
  install              Install the Git pre-commit hook (husky or plain Git); --pre-push adds the
                       pre-push hook that scans the commits being pushed;
                       --server [repo]: the pre-receive hook of a server's (bare) repository
  uninstall            Remove exactly what install added (--server [repo]: from that repository)
  ci                   In GitHub Actions: scan the pushed or pull-request commits, write the job
                       summary (and SARIF); what the action in action.yml runs
  doctor               Check that the hook is installed, reachable and really blocks a key
  explain [rule]       The full guide for a rule, or the list of rules
  gitignore            Check .gitignore for the entries a Terraform repository needs
  fix                  Take the staged keys out of the files: into an AWS profile, and Terraform
                       still works (shows every change; asks, or --yes; --dry-run changes nothing)

Options:
  --format text|json|sarif  Output format of scan (default: text)
  --lang en|ja         Language of messages (default: from LC_ALL, LC_MESSAGES or LANG)
  --dry-run            install/uninstall/fix: say what would change, change nothing
  --yes                fix: make the changes without asking
  --prepare            install: for an npm "prepare" script; never fails, says why it skips
  --write              gitignore: append the missing entries
  --debug              Show technical details of errors
  -h, --help           Show this help
  -v, --version        Show the version

Exit codes: 0 nothing found, 1 keys found (commit blocked), 2 usage, Git or internal error.
Skip the check once: git commit --no-verify (or AWS_KEY_GUARD=0 git commit).`,
  errors: {
    badOption: (text: string) => `${text} Run \`npx aws-key-guard --help\` for the options.`,
    unknownOption: (option: string) => `There is no option ${option}: run \`npx aws-key-guard --help\` for the options.`,
    optionNeedsValue: (option: string) => `${option} needs a value after it: run \`npx aws-key-guard --help\` for the options.`,
    optionTakesNoValue: (option: string) => `${option} takes no value: write it alone.`,
    noArguments: (command: string, word: string) => `${command} takes nothing after it, but got "${word}".`,
    lang: (value: string) => `--lang takes en or ja, not "${value}".`,
    format: (value: string) => `--format takes text, json or sarif, not "${value}".`,
    stdinStagedOnly: '--stdin goes with the staged scan only.',
    oneMode: 'Choose one of --all, --range, --history and --pre-push.',
    pathsStagedOnly: 'Paths go with the staged scan only, not with --all, --range or --history; --pre-push takes only the remote and URL Git gives the hook.',
    gitignoreUnreadable: '.gitignore could not be read: check its permissions.',
    unknownCommand: (command: string) => `Unknown command "${command}": run \`npx aws-key-guard --help\` to see the commands.`,
  },
  install: {
    notARepo:
      'This folder is not inside a Git repository (or is a bare one): run `git init` first, or run the command from your project folder.',
    notInstalled:
      'aws-key-guard must be installed in this project to install its hook: run `npm install -D aws-key-guard` (or `pnpm add -D`, `yarn add -D`), then `npx aws-key-guard install`.',
    managedBy: (tool: string, config: string) =>
      `${tool} manages this repository's Git hooks (${config}): it would drop aws-key-guard's hook, or stop running its own beside it, without a word, so install writes nothing. Add the check to ${config} instead, as a pre-commit command \`npx --no-install aws-key-guard scan\` (see "Other hook managers" in the README), then let ${tool} install its hooks.`,
    packageOutside: (pkg: string, top: string) =>
      `aws-key-guard is installed at ${pkg}, outside this Git repository (${top}), and a hook may only run what is inside it: run \`npm install -D aws-key-guard\` in ${top} (or make the npm project's folder the repository's top), then install again.`,
    configNotRead: (file: string, top: string) =>
      `${file} has an "aws-key-guard" configuration, which is NOT read: the configuration lives at the top of the repository. Move it into ${top}/.aws-key-guard.json (or the top package.json).`,
    teammates: (script: string) =>
      `Clones of this repository get no hook by themselves: to protect teammates too, add "${script}": "aws-key-guard install --prepare" to the scripts in package.json (see "Team template repositories" in the README).`,
    yarnPnp:
      "Yarn Plug'n'Play keeps packages in zip files, which Git's hook cannot run. Add the line `nodeLinker: node-modules` to .yarnrc.yml, run `yarn install`, then `yarn aws-key-guard install`.",
    outside: (place: HookPlace) =>
      `Git runs this repository's hooks from ${place.hooksDir}${place.hooksPath ? ` (core.hooksPath, set in ${place.hooksPath.origin})` : ''}, ` +
      'outside this repository, where other repositories may look too: install writes nothing there. Either give this repository ' +
      `its own hooks: \`git config core.hooksPath "${place.commonDir}/hooks"\` and then \`npx aws-key-guard install\` again ` +
      '(the hooks in the shared folder then no longer run here); or call aws-key-guard from the shared pre-commit yourself, knowing that it then runs in every repository.',
    danglingLink: (file: string) =>
      `${file} is a symbolic link to a file that does not exist: install does not write through it. Remove the link (or make it point to a real hook), then run install again.`,
    notAFolder: (dir: string) => `${dir} is not a folder, and Git keeps its hooks there: move that file away, then run install again.`,
    notAFile: (file: string) =>
      `${file} is a link or not a plain file: install does not write through it. Replace it with a plain file, then run install again.`,
    editedHook: (file: string) =>
      `${file} was written by aws-key-guard and edited since: install leaves your edit as it is. To install afresh, move the file away (keep your edit elsewhere), then run install again.`,
    bothExist: (file: string, saved: string) =>
      `Both ${file} and ${saved} exist and neither is ours: merge them into one hook by hand, then run install again.`,
    notShell: (file: string, shebang: string) =>
      `${file} starts with \`${shebang}\`, not a shell, so a shell line cannot be added to it: call \`sh node_modules/aws-key-guard/hooks/pre-commit\` from it yourself.`,
    huskyNotSetUp: (setUp: string | undefined) =>
      setUp === undefined
        ? 'husky is not set up in this clone (its .husky/_ folder is missing), so Git does not run .husky/pre-commit and nothing is checked: run `npx husky` (for a husky folder below the top, the `prepare` script that sets it up: `npm run prepare`).'
        : `husky is not set up in this clone (core.hooksPath is not ${setUp}), so Git does not run .husky/pre-commit and nothing is checked: run \`git config core.hooksPath ${setUp}\`.`,
    huskySetUp: (setUp: string) => `husky was not set up in this clone: ran \`git config core.hooksPath ${setUp}\`, as husky does (uninstall takes it back).`,
    hooksPathUnset: (value: string) => `took back core.hooksPath ${value}, which install had set.`,
    change: (c: Change, rel: (f: string) => string, dryRun: boolean) => {
      const w = dryRun ? 'would ' : '';
      switch (c.action) {
        case 'create':
          return `${w}create ${rel(c.file)}`;
        case 'insert':
          return `${w}add one line at the top of ${rel(c.file)}, where it always runs (every other line stays as it is)`;
        case 'update':
          return `${w}update our ${c.kind === 'line' ? 'line' : 'hook'} in ${rel(c.file)}`;
        case 'move':
          return `${w}keep your existing hook as ${rel(c.to ?? '')}; it still runs, after the check`;
        case 'remove':
          return c.kind === 'line' ? `${w}remove our line from ${rel(c.file)}` : `${w}remove our hook ${rel(c.file)}`;
        case 'restore':
          return `${w}put your previous hook back at ${rel(c.to ?? '')}`;
        case 'keep':
          return `${rel(c.file)} was edited after install, so it is yours now and stays as it is: delete it yourself if you no longer want it.${c.to === undefined ? '' : ` The hook that was there before install is still at ${rel(c.to)}: move it back to ${rel(c.file)} then.`}`;
        case 'none':
          return c.why === 'installed' ? `already installed (${rel(c.file)}): nothing to do` : `not installed (${rel(c.file)}): nothing to do`;
      }
    },
    /** said by the hook itself, inside double quotes: no " ` or \\, and $0 is the hook file Git ran */
    hookMissing: (shim: string, hook: 'pre-commit' | 'pre-push', husky: boolean) =>
      `${shim} is missing, so ${hook === 'pre-commit' ? 'the staged files in scope' : 'the commits being pushed'} were not checked: install the packages (npm install, pnpm install or yarn), or skip once with --no-verify. If you removed aws-key-guard on purpose, remove its hook: ${husky ? `delete the line that ends in '# aws-key-guard …' from .husky/${hook}` : `delete $0, then rename ${hook}.before-aws-key-guard beside it back to ${hook} if it is there`}`,
    done: 'Done: a commit that stages an AWS key is now refused (checked just now through this clone\'s own hook). Check it any time with `npx aws-key-guard doctor`.',
    donePrePush: 'A push whose new commits add an AWS key is refused too (the pre-push hook).',
    notDone: 'Not done: fix the ✖ line above, then run `npx aws-key-guard install` again.',
    notInstalledBecause: (why: string) => `aws-key-guard: hook not installed: ${why.replace(/\.$/, '')}.`,
    skipEnv: 'AWS_KEY_GUARD=0 is set',
    skipDependency: 'this package was installed as a dependency of another package',
  },
  doctor: {
    hooksFrom: (dir: string, where: string) => `Git runs this clone's hooks from ${dir}${where}`,
    hooksPathFrom: (value: string, origin: string) => ` (core.hooksPath = ${value}, set in ${origin})`,
    noHook: (file: string) => `there is no ${file}, so nothing is checked: run \`npx aws-key-guard install\`.`,
    notExecutable: (file: string) => `${file} is not executable, so Git skips it and nothing is checked: run \`chmod +x ${file}\`.`,
    notInstalled: (file: string) => `${file} does not run aws-key-guard: run \`npx aws-key-guard install\`.`,
    notFirst: (file: string) =>
      `aws-key-guard is not the first command in ${file}: what runs before it could stop it, and doctor does not run that against its test commit. Run \`npx aws-key-guard install\` to put our line first.`,
    refused: (hook: string) => `a commit of a freshly generated fake key, through ${hook} and everything it calls, was refused by aws-key-guard`,
    refusedNotByUs: (hook: string) =>
      `a commit of a freshly generated fake key was refused, but not by aws-key-guard's check, so a leak may pass. What ${hook} printed:`,
    notRefused: (hook: string) => `a commit of a freshly generated fake key would NOT be refused by ${hook}. What it printed:`,
    refusedByError: (hook: string) =>
      `a commit of a freshly generated fake key was stopped by an error of aws-key-guard's hook, not by its check: every commit in scope stops there until the error below is fixed. What ${hook} printed:`,
    printedNothing: '(nothing)',
    huskyOff: 'HUSKY=0 is set in this shell: husky runs no hook at all, so commits made from here are not checked. Unset it (`unset HUSKY`).',
    throughFramework: (file: string) =>
      `${file} is the pre-commit framework's, and .pre-commit-config.yaml runs aws-key-guard: doctor cannot prove that chain (the framework runs other hooks too), so it claims nothing. To see it refuse a key, stage a file with a made-up one and run \`pre-commit run aws-key-guard\`.`,
    throughManager: (file: string, tool: string, config: string) =>
      `${file} is ${tool}'s, and ${config} runs aws-key-guard: doctor cannot prove that chain (${tool} runs other commands too), so it claims nothing. To see it refuse a key, stage a file with a made-up one and commit it${tool === 'lefthook' ? ' (or run `npx lefthook run pre-commit`)' : ''}: nothing is committed when it works.`,
    throughLintStaged: (file: string) =>
      `${file} runs lint-staged, whose configuration runs aws-key-guard: doctor cannot prove that chain (lint-staged stashes and restores files around it). For a check doctor can prove, run \`npx aws-key-guard install\`: it adds its own line first, and lint-staged's entry is then not needed.`,
    allGood: 'aws-key-guard is installed and blocks AWS keys in this clone.',
    somethingWrong: 'aws-key-guard does not check the commits of this clone as it should: fix the ✖ line above, then run this check again.',
  },
  hook: {
    skipped: (hook: 'pre-commit' | 'pre-push') =>
      `aws-key-guard: AWS_KEY_GUARD=0 is set, so ${hook === 'pre-commit' ? 'staged files were' : 'the pushed commits were'} NOT checked for AWS keys.`,
    noNode: (hook: 'pre-commit' | 'pre-push') =>
      `aws-key-guard: Node.js was not found on PATH, so this ${hook === 'pre-commit' ? 'commit' : 'push'} was not checked and is stopped. Start Git from a shell where \`node\` works, or skip once: git ${hook === 'pre-commit' ? 'commit' : 'push'} --no-verify`,
    notBuilt: (hook: 'pre-commit' | 'pre-push') =>
      `aws-key-guard: the package is not built or not installed ($cli is missing): run \`npm install\` (or pnpm install, yarn), or skip once: git ${hook === 'pre-commit' ? 'commit' : 'push'} --no-verify`,
  },
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
    'node_modules/': 'installed packages (aws-key-guard among them)',
  } as Record<string, string>,
  // ---- The server hook (scan --pre-receive, install --server) and the GitHub Action (ci) ----
  receiveRefused: 'aws-key-guard on the server refused this push: its new commits add AWS keys. Nothing of this push was stored.',
  receiveNotCommit: (type: string, sha: string) =>
    `aws-key-guard on the server refused this push: it sends a ${type} (${sha}), not a commit, and the check reads commits only. Ask the server's administrator if it must be stored.`,
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
