import { parseArgs } from 'node:util';
import { colorsWanted, paint } from './colors.js';
import { writeErr, writeOut } from './output.js';
import { EXIT, GuardError } from './errors.js';
import { runScan } from './commands/scan.js';
import { version } from './version.js';
import { redact, redactText } from './redact.js';
import { messages, pickLang, type Lang } from './messages/index.js';

/** parseArgs → one command → exit code. Commands load lazily, so a scan loads only the scan. */


export const USAGE = `Usage: aws-key-guard <command> [options]

Commands:
  scan [paths...]      Scan the staged changes (the index) for AWS keys; with paths, only those
    --all              every tracked file (the whole index), not just the staged changes
    --range A..B       the lines added by each commit in a revision range (CI, pre-push)
    --history          every commit reachable from HEAD
    --pre-push         the commits being pushed, as a pre-push hook reads them from Git
    --pre-receive      on a Git server: the pushed commits new to the repository (hooks/pre-receive)
    --stdin            the staged diff as the installed hook pipes it in (see hooks/pre-commit)
  baseline             Record today's findings in .aws-key-guard-baseline.json (fingerprints only)
  install              Install the Git pre-commit hook (husky or plain Git); --pre-push adds the
                       pre-push hook that scans the commits being pushed
                       --server [repo]: the pre-receive hook of a server's (bare) repository
  uninstall            Remove exactly what install added (--server [repo]: from that repository)
  ci                   In GitHub Actions: scan the pushed or pull-request commits, write the job
                       summary (and SARIF); what the action in action.yml runs
  doctor               Check that the hook is installed, reachable and really blocks a key
  explain [rule]       The full guide for a rule, or the list of rules
  gitignore            Check .gitignore for the entries a Terraform repository needs

Options:
  --format text|json|sarif  Output format of scan (default: text)
  --lang en|ja         Language of messages (default: from LC_ALL, LC_MESSAGES or LANG)
  --dry-run            install/uninstall: say what would change, change nothing
  --prepare            install: for an npm "prepare" script; never fails, says why it skips
  --write              gitignore: append the missing entries
  --debug              Show technical details of errors
  -h, --help           Show this help
  -v, --version        Show the version

Exit codes: 0 nothing found, 1 keys found (commit blocked), 2 usage, Git or internal error.
Skip the check once: git commit --no-verify (or AWS_KEY_GUARD=0 git commit).`;

const OPTIONS = {
  format: { type: 'string' },
  lang: { type: 'string' },
  'dry-run': { type: 'boolean' },
  prepare: { type: 'boolean' },
  'pre-push': { type: 'boolean' },
  'pre-receive': { type: 'boolean' },
  server: { type: 'boolean' },
  stdin: { type: 'boolean' },
  all: { type: 'boolean' },
  range: { type: 'string' },
  history: { type: 'boolean' },
  write: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let lang: Lang = pickLang(undefined, env);
  // NODE_DEBUG=aws-key-guard, read directly: util.debuglog costs a millisecond at every start.
  let showDebug = /(?:^|,)\s*aws-key-guard\s*(?:,|$)/i.test(env.NODE_DEBUG ?? '');
  try {
    const { values, positionals } = parseCommandLine(argv);
    lang = pickLang(values.lang, env);
    showDebug ||= values.debug === true;
    if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'ja') {
      throw new GuardError(`--lang takes en or ja, not "${values.lang}".`);
    }
    const [command, ...rest] = positionals;
    if (values.version) return print(version());
    if (values.help || command === undefined || command === 'help') return print(USAGE);
    const m = await messages(lang);
    switch (command) {
      case 'scan': {
        const format = values.format ?? 'text';
        if (format !== 'text' && format !== 'json' && format !== 'sarif') {
          throw new GuardError(`--format takes text, json or sarif, not "${format}".`);
        }
        return await runScan({
          cwd: process.cwd(),
          paths: rest,
          format,
          m,
          env,
          all: values.all === true,
          history: values.history === true,
          prePush: values['pre-push'] === true,
          stdin: values.stdin === true,
          preReceive: values['pre-receive'] === true,
          ...(values.range !== undefined ? { range: values.range } : {}),
        });
      }
      case 'baseline':
        return await (await import('./commands/baseline.js')).runBaseline({ cwd: process.cwd(), env });
      case 'install':
      case 'uninstall': {
        const { runInstall } = await import('./commands/install.js');
        return runInstall(command, {
          cwd: process.cwd(),
          dryRun: values['dry-run'] === true,
          prepare: values.prepare === true,
          prePush: values['pre-push'] === true,
          env,
          ...(values.server === true ? { server: { path: rest[0], m } } : {}),
        });
      }
      case 'ci':
        return await (await import('./commands/ci.js')).runCi({ cwd: process.cwd(), env, m });
      case 'doctor':
        return await (await import('./commands/doctor.js')).runDoctor({ cwd: process.cwd(), env });
      case 'explain':
        return await (await import('./commands/explain.js')).runExplain(rest[0], m);
      case 'gitignore':
        return await (await import('./commands/gitignore.js')).runGitignore({ cwd: process.cwd(), write: values.write === true, m });
      default:
        throw new GuardError(`Unknown command "${command}": run \`npx aws-key-guard --help\` to see the commands.`);
    }
  } catch (error) {
    return await fail(error, lang, showDebug);
  }
}

function parseCommandLine(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const text = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new GuardError(`${text} Run \`npx aws-key-guard --help\` for the options.`, EXIT.error, { cause: error });
  }
}

function print(text: string): number {
  writeOut(`${text}\n`);
  return EXIT.ok;
}

/**
 * The last guard before stderr: anything key-shaped in an error (an argument echoed back, a
 * line Git quoted) is redacted, whatever put it there.
 */
export function scrub(text: string): string {
  return redactText(text).replace(/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{32,}/g, (v) => redact(v, 'secret'));
}

async function fail(error: unknown, lang: Lang, showDebug: boolean): Promise<number> {
  const m = await messages(lang);
  const { red } = paint(colorsWanted(process.env, 2));
  // By name: a lazily loaded command is a bundle of its own, with its own copy of the class.
  if (error instanceof GuardError || (error instanceof Error && error.name === 'GuardError')) {
    writeErr(`${red('aws-key-guard:')} ${scrub(error.message)}\n`);
  } else {
    // Unexpected: fail closed. The commit is refused, and the way out is named.
    const name = error instanceof Error ? error.name : 'error';
    writeErr(`${red('aws-key-guard:')} ${m.failClosed(`${name}: ${m.bug}`)}\n`);
  }
  if (showDebug && error instanceof Error) {
    writeErr(`${scrub(error.stack ?? '')}\n`);
    if (error.cause) writeErr(`cause: ${scrub(String(error.cause instanceof Error ? error.cause.stack : error.cause))}\n`);
  }
  return error instanceof Error && 'exitCode' in error && typeof error.exitCode === 'number' ? error.exitCode : EXIT.error;
}
