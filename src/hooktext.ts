import { createHash } from 'node:crypto';
import { en } from './messages/en.js';
import { ja } from './messages/ja.js';
import { TARGET_FILES } from './rules.js';
import { shellQuote } from './shell.js';

/**
 * Pure: the exact text install writes (a plain hook file, or one line in a husky hook file), and
 * how to recognise it again. Each carries a hash of the rest of its own text, so ours is exactly
 * what some version of install wrote and nobody edited since: a user's hook or line that merely
 * mentions aws-key-guard is the user's, and so is our hook once the user has edited it.
 */

/** Ends the line we add to a husky hook file (followed by its hash). */
export const MARKER = '# aws-key-guard';
/** Where a plain-Git install keeps the hook that was there before; it runs after ours. */
export const SAVED_SUFFIX = '.before-aws-key-guard';

/** The first 12 hex digits of the SHA-256 of a text. */
function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** The plain hook's second line: the hash of all its other lines. */
function header(rest: string): string {
  return `${MARKER} hook ${digest(rest)}: written by \`npx aws-key-guard install\`, removed by \`npx aws-key-guard uninstall\`.`;
}
const HEADER = /^# aws-key-guard hook ([0-9a-f]{12}): /;

/** The hooks we install: pre-commit always, pre-push on request. */
export type HookName = 'pre-commit' | 'pre-push';

/**
 * When the package is missing (node_modules deleted, or not installed yet) a commit that stages
 * nothing in scope goes through: Git answers from the index alone, as the hook's own fast path
 * does. Hooks run at the top of the work tree, so the globs need no `top` magic.
 */
function nothingInScope(): string {
  const globs = TARGET_FILES.map((t) => `'${t.glob}'`).join(' ');
  return `git --glob-pathspecs --icase-pathspecs diff --cached --quiet --no-ext-diff --diff-filter=ACMRT -- ${globs} 2>/dev/null`;
}

/** One echo to stderr, in Japanese under a Japanese locale (as the CLI chooses its language). */
function say(en: string, ja: string): string {
  return `case "\${LC_ALL:-\${LC_MESSAGES:-\${LANG:-}}}" in ja*) echo "${ja}" ;; *) echo "${en}" ;; esac >&2`;
}

/**
 * What the hook says when the package is missing, and how to take the hook out if that was on
 * purpose (`$0`, the hook file Git ran, is expanded); the hook file carries both languages.
 */
function missing(path: string, hook: HookName, husky: boolean): string {
  const shim = path.replace(/["$`\\]/g, '?'); // inside double quotes
  return say(`aws-key-guard: ${en.install.hookMissing(shim, hook, husky)}`, `aws-key-guard: ${ja.install.hookMissing(shim, hook, husky)}`);
}

/** The line added to a husky hook file: runs our hook script, or explains why it cannot. */
export function huskyLine(shim: string, hook: HookName): string {
  const q = shellQuote(shim);
  const absent = hook === 'pre-commit' ? `elif ! ${nothingInScope()}; then ${missing(shim, hook, true)}; exit 2` : `else ${missing(shim, hook, true)}; exit 2`;
  const code = `if [ -f ${q} ]; then sh ${q} "$@"; ${absent}; fi`;
  return `${code} ${MARKER} ${digest(code)}`;
}

/** The same line, marked as having needed a line break before it (so uninstall takes that back too). */
const NEWLINE_ADDED = ' (newline added)';
/** The same line, marked as added to an empty file that was there (so uninstall leaves it, empty). */
const FILE_WAS_EMPTY = ' (file was empty)';

/**
 * Whether a line of a husky hook file is one we wrote, unedited; whether install added a line
 * break before it, and whether the file was there, empty, before install.
 */
export function parseHuskyLine(line: string): { newlineAdded: boolean; fileWasEmpty: boolean } | undefined {
  const m = / # aws-key-guard ([0-9a-f]{12})( \(newline added\)| \(file was empty\))?$/.exec(line);
  if (m === null || digest(line.slice(0, m.index)) !== m[1]) return undefined;
  return { newlineAdded: m[2] === NEWLINE_ADDED, fileWasEmpty: m[2] === FILE_WAS_EMPTY };
}

/**
 * The hook file a plain-Git install writes: ours first, then the hook that was there before (a
 * leak is refused before anything else runs). That one may stage files (a formatter's `git add
 * -u`): when the index differs after it, the pre-commit check runs again, on what will be
 * committed. A pre-push hook reads the pushed refs on standard input, so both get their own copy
 * of it. The folder comes from $0 by parameter expansion, as `dirname` may be missing from PATH.
 */
export function plainHook(shim: string, hook: HookName): string {
  const q = shellQuote(shim);
  const saved = `${hook}${SAVED_SUFFIX}`;
  const body =
    hook === 'pre-push'
      ? [
          'input=$(cat)',
          `if [ -f ${q} ]; then`,
          `  printf '%s\\n' "$input" | sh ${q} "$@" || exit $?`,
          'else',
          `  ${missing(shim, hook, false)}`,
          '  exit 2',
          'fi',
          `if [ -x "$prev" ]; then printf '%s\\n' "$input" | "$prev" "$@"; exit $?; fi`,
        ]
      : [
          'check() {',
          `  if [ -f ${q} ]; then`,
          `    sh ${q} "$@" || exit $?`,
          `  elif ! ${nothingInScope()}; then`,
          `    ${missing(shim, hook, false)}`,
          '    exit 2',
          '  fi',
          '}',
          'check "$@"',
          'if [ -x "$prev" ]; then',
          '  staged=$(git ls-files -s 2>/dev/null | cksum)',
          '  "$prev" "$@" || exit $?',
          '  [ "$(git ls-files -s 2>/dev/null | cksum)" = "$staged" ] || check "$@"',
          'fi',
        ];
  const lines = [
    '#!/bin/sh',
    `# A hook that was here before is kept beside it as ${saved} and runs after this check${hook === 'pre-commit' ? ' (again, if that hook changed what is staged)' : ''}.`,
    `case $0 in */*) prev="\${0%/*}/${saved}" ;; *) prev="./${saved}" ;; esac`,
    ...body,
    'exit 0',
    '',
  ];
  return [lines[0], header(lines.join('\n')), ...lines.slice(1)].join('\n');
}

/** Whose a plain hook file is: ours as some version of install wrote it, ours edited since, or the user's. */
export function plainHookOwner(text: string): 'ours' | 'edited' | 'user' {
  const lines = text.split('\n');
  const hash = HEADER.exec(lines[1] ?? '')?.[1];
  if (hash === undefined) return 'user';
  return digest([lines[0], ...lines.slice(2)].join('\n')) === hash ? 'ours' : 'edited';
}

/**
 * Pure: a husky hook file with our line where it always runs: first, after a `#!` line and the
 * husky 5–8 `husky.sh` line. (Appended, it would never run after an `exit 0` or an `exec`.)
 */
export function withOurLine(text: string, line: string, fileExists = false): string {
  if (text === '') return fileExists ? `${line}${FILE_WAS_EMPTY}\n` : `${line}\n`;
  const lines = text.split('\n');
  let at = 0;
  if (lines[0]?.startsWith('#!')) at = 1;
  if (/^\.\s.*husky\.sh/.test(lines[at] ?? '')) at += 1;
  if (at === lines.length) return `${text}\n${line}${NEWLINE_ADDED}\n`; // a last line without its line break
  return [...lines.slice(0, at), line, ...lines.slice(at)].join('\n');
}

/** Pure: a husky hook file without our line, byte for byte as it was before install. */
export function withoutOurLine(text: string): string {
  const lines = text.split('\n');
  let out = '';
  lines.forEach((l, i) => {
    const ours = parseHuskyLine(l);
    if (ours === undefined) out += i === lines.length - 1 ? l : `${l}\n`;
    else if (ours.newlineAdded && out.endsWith('\n')) out = out.slice(0, -1);
  });
  return out;
}

/** Our line in a husky hook file (without its note), if it has one. */
export function findOurLine(text: string): string | undefined {
  const line = text.split('\n').find((l) => parseHuskyLine(l) !== undefined);
  return line?.replace(/ \((?:newline added|file was empty)\)$/, '');
}

/** Whether our line in a husky hook file was added to an empty file that was there before. */
export function fileWasEmpty(text: string): boolean {
  return text.split('\n').some((l) => parseHuskyLine(l)?.fileWasEmpty === true);
}
