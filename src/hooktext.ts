import { TARGET_FILES } from './rules.js';
import { shellQuote } from './shell.js';

/**
 * Pure: the exact text install writes (a plain hook file, or one line in a husky hook file), and
 * how to recognise it again. Ours is only what is byte for byte what we write: a user's hook that
 * merely mentions aws-key-guard is the user's.
 */

/** Ends the line we add to a husky hook file. */
export const MARKER = '# aws-key-guard';
/** Where a plain-Git install keeps the hook that was there before; it runs after ours. */
export const SAVED_SUFFIX = '.before-aws-key-guard';
/** The second line of every plain hook we write; its format number changes when the text does. */
export const HEADER = `${MARKER} hook, format 2: written by \`npx aws-key-guard install\`, removed by \`npx aws-key-guard uninstall\`.`;

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

function missing(path: string, hook: HookName): string {
  const shim = path.replace(/["$`\\]/g, '?'); // inside double quotes
  const [what, jwhat] =
    hook === 'pre-commit'
      ? ['the files in scope staged in this commit were not checked and the commit is stopped', 'このコミットでステージされた対象のファイルを確認できないため、コミットを止めました']
      : ['the commits being pushed were not checked and the push is stopped', 'push されるコミットを確認できないため、push を止めました'];
  return say(
    `aws-key-guard: ${shim} is missing (the packages are not installed in this clone), so ${what}: run npm install (or pnpm install, or yarn), or skip once with --no-verify`,
    `aws-key-guard: ${shim} がありません(このクローンにパッケージがインストールされていません)。${jwhat}。npm install(または pnpm install、yarn)を実行するか、一度だけ --no-verify で省略してください。`,
  );
}

/** The line added to a husky hook file: runs our hook script, or explains why it cannot. */
export function huskyLine(shim: string, hook: HookName): string {
  const q = shellQuote(shim);
  const absent = hook === 'pre-commit' ? `elif ! ${nothingInScope()}; then ${missing(shim, hook)}; exit 2` : `else ${missing(shim, hook)}; exit 2`;
  return `if [ -f ${q} ]; then sh ${q} "$@"; ${absent}; fi ${MARKER}`;
}

/** The same line, marked as having needed a line break before it (so uninstall takes that back too). */
const NEWLINE_ADDED = ' (newline added)';

/** Whether a line of a husky hook file is exactly ours, and whether install added a line break before it. */
export function parseHuskyLine(line: string, hook: HookName): { shim: string; newlineAdded: boolean } | undefined {
  const shim = shimOf(line, /^if \[ -f ('(?:[^']|'\\'')*'|\S+) \]; then sh /);
  if (shim === undefined) return undefined;
  const exact = huskyLine(shim, hook);
  if (line === exact) return { shim, newlineAdded: false };
  if (line === exact + NEWLINE_ADDED) return { shim, newlineAdded: true };
  return undefined;
}

/**
 * The hook file a plain-Git install writes: ours first, then the hook that was there before (a
 * leak is refused before anything else runs). A pre-push hook reads the pushed refs on standard
 * input, so both get their own copy of it. The folder comes from $0 by parameter expansion, as
 * `dirname` may be missing from PATH.
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
          `  ${missing(shim, hook)}`,
          '  exit 2',
          'fi',
          `if [ -x "$prev" ]; then printf '%s\\n' "$input" | "$prev" "$@"; exit $?; fi`,
        ]
      : [
          `if [ -f ${q} ]; then`,
          `  sh ${q} "$@" || exit $?`,
          `elif ! ${nothingInScope()}; then`,
          `  ${missing(shim, hook)}`,
          '  exit 2',
          'fi',
          'if [ -x "$prev" ]; then exec "$prev" "$@"; fi',
        ];
  return [
    '#!/bin/sh',
    HEADER,
    `# A hook that was here before is kept beside it as ${saved} and runs after this check.`,
    `case $0 in */*) prev="\${0%/*}/${saved}" ;; *) prev="./${saved}" ;; esac`,
    ...body,
    'exit 0',
    '',
  ].join('\n');
}

/** What a plain hook file is: ours as we wrote it (for which package path), ours edited since, or not ours. */
export function plainHookOwner(text: string, hook: HookName): { owner: 'ours'; shim: string } | { owner: 'edited' | 'user' } {
  if (text.split('\n')[1] !== HEADER) return { owner: 'user' };
  const shim = shimOf(text, /^if \[ -f ('(?:[^']|'\\'')*'|\S+) \]; then$/m);
  return shim !== undefined && text === plainHook(shim, hook) ? { owner: 'ours', shim } : { owner: 'edited' };
}

function shimOf(text: string, re: RegExp): string | undefined {
  const word = re.exec(text)?.[1];
  if (word === undefined) return undefined;
  return word.startsWith("'") ? word.slice(1, -1).replace(/'\\''/g, "'") : word.replace(/^\.\//, '');
}

/**
 * Pure: a husky hook file with our line where it always runs: first, after a `#!` line and the
 * husky 5–8 `husky.sh` line. (Appended, it would never run after an `exit 0` or an `exec`.)
 */
export function withOurLine(text: string, line: string): string {
  if (text === '') return `${line}\n`;
  const lines = text.split('\n');
  let at = 0;
  if (lines[0]?.startsWith('#!')) at = 1;
  if (/^\.\s.*husky\.sh/.test(lines[at] ?? '')) at += 1;
  if (at === lines.length) return `${text}\n${line}${NEWLINE_ADDED}\n`; // a last line without its line break
  return [...lines.slice(0, at), line, ...lines.slice(at)].join('\n');
}

/** Pure: a husky hook file without our line, byte for byte as it was before install. */
export function withoutOurLine(text: string, hook: HookName): string {
  const lines = text.split('\n');
  let out = '';
  lines.forEach((l, i) => {
    const ours = parseHuskyLine(l, hook);
    if (ours === undefined) out += i === lines.length - 1 ? l : `${l}\n`;
    else if (ours.newlineAdded && out.endsWith('\n')) out = out.slice(0, -1);
  });
  return out;
}

/** The shim of our line in a husky hook file, if it has one. */
export function findOurLine(text: string, hook: HookName): string | undefined {
  for (const l of text.split('\n')) {
    const ours = parseHuskyLine(l, hook);
    if (ours) return ours.shim;
  }
  return undefined;
}
