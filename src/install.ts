import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GuardError } from './errors.js';
import type { HookPlace } from './hookplace.js';
import { shellQuote } from './shell.js';

/** Marks every line and file we add, so that reinstalling is a no-op and uninstall finds only ours. */
export const MARKER = '# aws-key-guard';
/** Where a plain-Git install keeps the hook that was there before; it runs first. */
export const SAVED_SUFFIX = '.before-aws-key-guard';

/** The hooks we install: pre-commit always, pre-push on request. */
export type HookName = 'pre-commit' | 'pre-push';

/** Path of the package's own script for a hook, from the repository top. */
export function shimPath(place: HookPlace, hook: HookName): string {
  return [place.pkg, 'hooks', hook].filter((p) => p !== '').join('/');
}

export interface Change {
  action: 'create' | 'append' | 'replace' | 'move' | 'remove' | 'restore' | 'none';
  file: string;
  detail: string;
  /** a line in a husky hook file, or a whole hook file of our own */
  kind: 'line' | 'file';
}

/** The line added to a husky hook file: runs our hook script, or explains why it cannot. */
export function huskyLine(shim: string): string {
  const q = shellQuote(shim);
  return `if [ -f ${q} ]; then sh ${q} "$@"; else echo "aws-key-guard: ${shim} is missing: run npm install, or skip once with --no-verify" >&2; exit 2; fi ${MARKER}`;
}

/**
 * The hook file a plain-Git install writes: runs the previous hook first, then ours. A pre-push
 * hook reads the pushed refs on standard input, so both get their own copy of it.
 */
export function plainHook(shim: string, hook: HookName): string {
  const q = shellQuote(shim);
  const lines =
    hook === 'pre-push'
      ? [
          'input=$(cat)',
          `if [ -x "$prev" ]; then printf '%s\n' "$input" | "$prev" "$@" || exit $?; fi`,
          `if [ -f ${q} ]; then printf '%s\n' "$input" | sh ${q} "$@"; exit $?; fi`,
        ]
      : ['if [ -x "$prev" ]; then "$prev" "$@" || exit $?; fi', `if [ -f ${q} ]; then exec sh ${q} "$@"; fi`];
  return [
    '#!/bin/sh',
    `${MARKER}: installed by \`npx aws-key-guard install\`; \`npx aws-key-guard uninstall\` removes it`,
    `# and puts back any hook that was here before (kept beside it as ${hook}${SAVED_SUFFIX}).`,
    `prev="$(dirname "$0")/${hook}${SAVED_SUFFIX}"`,
    ...lines,
    `echo "aws-key-guard: ${shim} is missing, so this was not checked: run npm install, or skip once with --no-verify" >&2`,
    'exit 2',
    '',
  ].join('\n');
}

/** Adds our hooks idempotently; never overwrites a hook that is not ours. */
export function planInstall(place: HookPlace, hooks: readonly HookName[] = ['pre-commit']): Change[] {
  return hooks.flatMap((hook) => (place.husky ? planHusky(place, hook) : planPlain(place, hook)));
}

function planHusky(place: HookPlace, hook: HookName): Change[] {
  const file = join(place.top, '.husky', hook);
  const line = huskyLine(shimPath(place, hook));
  const kind = 'line';
  if (!existsSync(file)) return [{ action: 'create', file, detail: line, kind }];
  const ours = readFileSync(file, 'utf8').split('\n').find((l) => l.includes(MARKER));
  if (ours !== undefined && ours.replace(/ \(newline added\)$/, '') === line) return [{ action: 'none', file, detail: 'already installed', kind }];
  if (ours !== undefined) return [{ action: 'replace', file, detail: line, kind }];
  return [{ action: 'append', file, detail: line, kind }];
}

function planPlain(place: HookPlace, hook: HookName): Change[] {
  const file = join(place.hooksDir, hook);
  const content = plainHook(shimPath(place, hook), hook);
  const kind = 'file';
  if (!existsSync(file)) return [{ action: 'create', file, detail: content, kind }];
  const text = readFileSync(file, 'utf8');
  if (text === content) return [{ action: 'none', file, detail: 'already installed', kind }];
  if (text.includes(MARKER)) return [{ action: 'replace', file, detail: content, kind }];
  const saved = file + SAVED_SUFFIX;
  if (existsSync(saved)) {
    throw new GuardError(`Both ${file} and ${saved} exist and neither is ours: merge them by hand, then run install again.`);
  }
  return [
    { action: 'move', file, detail: saved, kind },
    { action: 'create', file, detail: content, kind },
  ];
}

/** Removes exactly what install added (for every hook), and puts back what it moved aside. */
export function planUninstall(place: HookPlace): Change[] {
  const changes: Change[] = [];
  for (const hook of ['pre-commit', 'pre-push'] as const) {
    const husky = join(place.top, '.husky', hook);
    if (existsSync(husky) && readFileSync(husky, 'utf8').includes(MARKER)) {
      changes.push({ action: 'remove', file: husky, detail: 'our line', kind: 'line' });
    }
    const file = join(place.hooksDir, hook);
    if (existsSync(file) && readFileSync(file, 'utf8').includes(`${MARKER}: installed by`)) {
      changes.push({ action: 'remove', file, detail: 'our hook', kind: 'file' });
      if (existsSync(file + SAVED_SUFFIX)) changes.push({ action: 'restore', file, detail: file + SAVED_SUFFIX, kind: 'file' });
    }
  }
  return changes.length > 0 ? changes : [{ action: 'none', file: join(place.hooksDir, 'pre-commit'), detail: 'not installed', kind: 'file' }];
}

export function applyChanges(changes: readonly Change[]): void {
  for (const c of changes) {
    switch (c.action) {
      case 'create':
        mkdirSync(dirname(c.file), { recursive: true });
        writeFileSync(c.file, c.kind === 'line' ? `${c.detail}\n` : c.detail, { mode: 0o755 });
        chmodSync(c.file, statSync(c.file).mode | 0o755);
        break;
      case 'append': {
        const text = readFileSync(c.file, 'utf8');
        const sepNl = text === '' || text.endsWith('\n') ? '' : '\n';
        // If we had to end the last line, the marker says so, so uninstall gives back the same bytes.
        writeFileSync(c.file, `${text}${sepNl}${sepNl ? c.detail.replace(MARKER, `${MARKER} (newline added)`) : c.detail}\n`);
        break;
      }
      case 'replace':
        if (c.kind === 'line') {
          const text = readFileSync(c.file, 'utf8');
          writeFileSync(c.file, text.split('\n').map((l) => (l.includes(MARKER) ? c.detail : l)).join('\n'));
        } else {
          writeFileSync(c.file, c.detail);
          chmodSync(c.file, statSync(c.file).mode | 0o755);
        }
        break;
      case 'move':
        renameSync(c.file, c.detail);
        break;
      case 'remove':
        if (c.detail === 'our line') {
          const rest = withoutOurLines(readFileSync(c.file, 'utf8'));
          // A file that held only our line was created by install: remove it whole.
          if (rest === '') unlinkSync(c.file);
          else writeFileSync(c.file, rest);
        } else unlinkSync(c.file);
        break;
      case 'restore':
        renameSync(c.detail, c.file);
        break;
      case 'none':
        break;
    }
  }
}

/** Pure: the husky file without our lines, byte for byte as it was before install. */
export function withoutOurLines(text: string): string {
  let out = text;
  out = out.replace(new RegExp(`\\n[^\\n]*${escape(MARKER)} \\(newline added\\)\\n?`, 'g'), '');
  out = out.replace(new RegExp(`^[^\\n]*${escape(MARKER)}[^\\n]*(?:\\n|$)`, 'gm'), '');
  return out;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

