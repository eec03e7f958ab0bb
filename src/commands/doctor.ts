import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import pc from 'picocolors';
import { EXIT } from '../errors.js';
import { findHookPlace, hookManager, hooksOutside, huskyState, packageJson, type HookPlace } from '../hookplace.js';
import { fileWasEmpty, findOurLine, plainHookOwner, withOurLine, withoutOurLine } from '../hooktext.js';
import { en, type Messages } from '../messages/en.js';
import { proveChain } from '../prove.js';

/** One coherent answer: what Git runs in this clone, then either the proof or the first thing that stops it. */
export interface Diagnosis {
  ok: boolean;
  lines: string[];
}

/**
 * `aws-key-guard doctor`: follows the chain Git really runs in this clone (the hooks folder, the
 * file, our line in it) and then runs that chain against a temporary index holding a freshly
 * generated key: it must be refused by aws-key-guard. Exit 1 whenever a leak would pass.
 */
export function runDoctor({ cwd, env, m = en }: { cwd: string; env: NodeJS.ProcessEnv; m?: Messages }): number {
  const d = diagnose(findHookPlace(cwd, m), cwd, m, env);
  for (const l of d.lines) process.stdout.write(`${l}\n`);
  process.stdout.write(`${d.ok ? m.doctor.allGood : m.doctor.somethingWrong}\n`);
  return d.ok ? EXIT.ok : EXIT.found;
}

export function diagnose(place: HookPlace, cwd: string, m: Messages, env: NodeJS.ProcessEnv = process.env): Diagnosis {
  const rel = (f: string) => relative(cwd, f) || '.';
  const where = place.hooksPath ? m.doctor.hooksPathFrom(place.hooksPath.value, place.hooksPath.origin) : '';
  const lines = [`${pc.green('✔')} ${m.doctor.hooksFrom(rel(place.hooksDir), where)}`];
  const problem = staticProblem(place, rel, m) ?? (place.husky && env.HUSKY === '0' ? m.doctor.huskyOff : undefined);
  if (problem !== undefined) return { ok: false, lines: [...lines, `${pc.red('✖')} ${problem}`] };
  const hook = rel(join(place.hooksDir, 'pre-commit'));
  const proof = proveChain(place);
  if (proof.byUs) return { ok: true, lines: [...lines, `${pc.green('✔')} ${m.doctor.refused(hook)}`] };
  const output = proof.output === '' ? [pc.dim(`    ${m.doctor.printedNothing}`)] : proof.output.split('\n').map((l) => pc.dim(`    ${l}`));
  // our hook stopped with an error of its own (no Node.js, a broken configuration): nothing passes, but nothing is checked either
  const why = !proof.refused ? m.doctor.notRefused(hook) : /^aws-key-guard: /m.test(proof.output) ? m.doctor.refusedByError(hook) : m.doctor.refusedNotByUs(hook);
  return { ok: false, lines: [...lines, `${pc.red('✖')} ${why}`, ...output] };
}

/** The first reason, read from the files, why Git would not reach our check; undefined when it should. */
function staticProblem(place: HookPlace, rel: (f: string) => string, m: Messages): string | undefined {
  if (place.husky) {
    const state = huskyState(place);
    if (!state.ready) return m.install.huskyNotSetUp(state.setUp);
  }
  const file = join(place.hooksDir, 'pre-commit');
  // A shared hooks folder outside the repository: install rightly writes nothing there, so the
  // way on is one of its two choices, not install again.
  if (hooksOutside(place) && !(existsSync(file) && readFileSync(file, 'utf8').includes('aws-key-guard'))) return m.install.outside(place);
  if (!existsSync(file)) return m.doctor.noHook(rel(file));
  if (!isExecutable(file)) return m.doctor.notExecutable(rel(file));
  if (place.husky) {
    const husky = join(place.top, place.huskyDir, 'pre-commit');
    const text = existsSync(husky) ? readFileSync(husky, 'utf8') : '';
    const line = findOurLine(text);
    if (line === undefined) return userWired(text, rel(husky), place.top, m);
    // Anything before our line would run against the doctor's temporary index: only ours may.
    if (withOurLine(withoutOurLine(text), line, fileWasEmpty(text)) !== text) {
      return m.doctor.notFirst(rel(husky));
    }
    return undefined;
  }
  const text = readFileSync(file, 'utf8');
  return plainHookOwner(text) === 'user' ? userWired(text, rel(file), place.top, m) : undefined;
}

/**
 * A hook the user wrote: the proof runs it only when aws-key-guard is its first command, as
 * anything before it (lint-staged's backup stash, say) would act on the doctor's test commit.
 */
function userWired(text: string, file: string, top: string, m: Messages): string | undefined {
  if (!text.includes('aws-key-guard')) {
    // Through the pre-commit framework or lint-staged: their own chains, which doctor cannot run
    // against its test commit (they stash and restore files, and run other hooks).
    if (/pre-commit\.com|pre_commit/.test(text) && mentionsUs(top, ['.pre-commit-config.yaml', '.pre-commit-config.yml'])) return m.doctor.throughFramework(file);
    if (/lint-staged/.test(text) && mentionsUs(top, LINT_STAGED_FILES, 'lint-staged')) return m.doctor.throughLintStaged(file);
    // Through a hook manager whose own hook this is, configured to run us (simple-git-hooks
    // writes the command into the hook itself, which the proof runs).
    const manager = hookManager(top);
    const own = manager === undefined ? undefined : MANAGER_HOOKS[manager.tool];
    if (manager !== undefined && own?.mark.test(text) === true && mentionsUs(top, manager.config === 'package.json' ? [] : [manager.config], own.key)) {
      return m.doctor.throughManager(file, manager.tool, manager.config);
    }
    return m.doctor.notInstalled(file);
  }
  const first = text.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#') && !/^\.\s.*husky\.sh/.test(l));
  return first?.includes('aws-key-guard') ? undefined : m.doctor.notFirst(file);
}

/** How another manager's hook file reads, and its package.json key. */
const MANAGER_HOOKS: Record<string, { mark: RegExp; key?: string }> = {
  lefthook: { mark: /lefthook/ },
  'husky 4': { mark: /husky/, key: 'husky' },
  yorkie: { mark: /yorkie/, key: 'gitHooks' },
};

/** Where lint-staged reads its configuration (package.json's "lint-staged" key aside). */
const LINT_STAGED_FILES = ['.lintstagedrc', '.lintstagedrc.json', '.lintstagedrc.yaml', '.lintstagedrc.yml', '.lintstagedrc.mjs', '.lintstagedrc.cjs', '.lintstagedrc.js', 'lint-staged.config.js', 'lint-staged.config.mjs', 'lint-staged.config.cjs'];

/** Whether one of these files at the top, or package.json's `key`, names aws-key-guard. */
function mentionsUs(top: string, files: readonly string[], key?: string): boolean {
  const read = (f: string) => {
    try {
      return readFileSync(join(top, f), 'utf8');
    } catch {
      return '';
    }
  };
  if (files.some((f) => read(f).includes('aws-key-guard'))) return true;
  return key !== undefined && JSON.stringify(packageJson(top)?.[key] ?? '').includes('aws-key-guard');
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
