import { parseArgs } from 'node:util';
import { colorsWanted, paint } from './colors.js';
import { writeErr, writeOut } from './output.js';
import { EXIT, GuardError } from './errors.js';
import { runScan } from './commands/scan.js';
import { version } from './version.js';
import { redact, redactText } from './redact.js';
import { messages, pickLang, type Lang, type Messages } from './messages/index.js';

/** parseArgs → one command → exit code. Commands load lazily, so a scan loads only the scan. */

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
  yes: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let lang: Lang = pickLang(undefined, env);
  // NODE_DEBUG=aws-key-guard, read directly: util.debuglog costs a millisecond at every start.
  let showDebug = /(?:^|,)\s*aws-key-guard\s*(?:,|$)/i.test(env.NODE_DEBUG ?? '');
  try {
    const parsed = parseCommandLine(argv);
    if (parsed instanceof Error) throw new GuardError(optionError(parsed, await messages(lang)), EXIT.error, { cause: parsed });
    const { values, positionals } = parsed;
    lang = pickLang(values.lang, env);
    showDebug ||= values.debug === true;
    const m = await messages(lang);
    if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'ja') throw new GuardError(m.errors.lang(values.lang));
    const [command, ...rest] = positionals;
    if (values.version) return print(version());
    if (values.help || command === undefined || command === 'help') return print(m.usage);
    if (NO_ARGUMENTS.has(command) && rest.length > 0) throw new GuardError(m.errors.noArguments(command, rest[0] as string));
    switch (command) {
      case 'scan': {
        const format = values.format ?? 'text';
        if (format !== 'text' && format !== 'json' && format !== 'sarif') {
          throw new GuardError(m.errors.format(format));
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
          m,
          ...(values.server === true ? { server: { path: rest[0], m } } : {}),
        });
      }
      case 'ci':
        return await (await import('./commands/ci.js')).runCi({ cwd: process.cwd(), env, m });
      case 'doctor':
        return await (await import('./commands/doctor.js')).runDoctor({ cwd: process.cwd(), env, m });
      case 'explain':
        return await (await import('./commands/explain.js')).runExplain(rest[0], m);
      case 'gitignore':
        return await (await import('./commands/gitignore.js')).runGitignore({ cwd: process.cwd(), write: values.write === true, m });
      case 'fix':
        return await (await import('./commands/fix.js')).runFix({ cwd: process.cwd(), env, m, dryRun: values['dry-run'] === true, yes: values.yes === true });
      default:
        throw new GuardError(m.errors.unknownCommand(command));
    }
  } catch (error) {
    return await fail(error, lang, showDebug);
  }
}

/** Commands that take no paths or other words after them. */
const NO_ARGUMENTS = new Set(['baseline', 'ci', 'doctor', 'gitignore', 'fix']);

/** Node's option parser's error, said in the user's language: which option, and what is wrong. */
function optionError(error: Error & { code?: string }, m: Messages): string {
  const option = /'(-[^' ]*)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return m.errors.unknownOption(option);
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return /argument missing/.test(error.message) ? m.errors.optionNeedsValue(option) : m.errors.optionTakesNoValue(option);
  return m.errors.badOption(error.message.split('\n')[0] ?? '');
}

function parseCommandLine(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
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
