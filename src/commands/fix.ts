import { createInterface } from 'node:readline/promises';
import { colorsWanted, isTerminal, paint } from '../colors.js';
import { EXIT, GuardError } from '../errors.js';
import { gitMaybe } from '../git/run.js';
import type { Messages } from '../messages/index.js';
import { writeOut } from '../output.js';
import { displayPath } from '../shell.js';
import { scanChanges } from '../changes.js';
import { applyFix } from '../fix/apply.js';
import { home } from '../fix/credentials.js';
import { planFix } from '../fix/plan.js';
import { pushedTo } from '../fix/pushed.js';
import { renderDiff, renderPlan } from '../fix/show.js';

export interface FixCommand {
  cwd: string;
  env: NodeJS.ProcessEnv;
  m: Messages;
  dryRun: boolean;
  yes: boolean;
}

/**
 * `aws-key-guard fix`: for the keys the staged scan finds, moves each key to where it belongs
 * (a profile in the AWS credentials file, an untracked file) and rewrites or unstages the file,
 * shows every change (values redacted), asks, writes, stages what it changed, and scans again.
 */
export async function runFix({ cwd, env, m, dryRun, yes }: FixCommand): Promise<number> {
  const top = gitMaybe(['rev-parse', '--show-toplevel'], cwd);
  if (top === undefined) throw new GuardError('This folder is not inside a Git repository: run the command from your project folder.');
  const { findings } = await scanChanges({ cwd, env, mode: { kind: 'staged' } });
  const c = paint(colorsWanted(env));
  if (findings.length === 0) {
    writeOut(`${m.fix.nothing}\n`);
    return EXIT.ok;
  }
  const plan = planFix(top, findings, env);
  const doable = plan.files.some((f) => f.kind !== 'leave');
  if (doable && !dryRun && !yes && !isTerminal(0)) throw new GuardError(m.fix.noTty);

  const remote = await pushedTo(top, plan.values, env);
  const shownCredentials = homePath(plan.profiles.path, env);
  const out: string[] = [];
  if (remote !== undefined) out.push(c.red(c.bold(`!! ${m.fix.pushed(remote)}`)), '');
  out.push(...renderPlan(plan, shownCredentials, m, c));
  if (doable) out.push('', c.bold(m.fix.diffTitle), ...renderDiff(plan, shownCredentials, c));
  writeOut(`${out.join('\n')}\n\n`);
  const leftAlone = plan.files.some((f) => f.kind === 'leave');
  if (!doable) return EXIT.found;
  if (dryRun) {
    writeOut(`${m.fix.dryRun}\n`);
    return leftAlone ? EXIT.found : EXIT.ok;
  }
  if (!yes && !(await confirm(m.fix.ask))) {
    writeOut(`${m.fix.cancelled}\n`);
    return EXIT.found;
  }

  const { staged, unstaged, restored } = applyFix(plan);
  const notes: string[] = [];
  if (staged.length > 0) notes.push(m.fix.staged(staged.map(displayPath).join(' ')));
  if (unstaged.length > 0) notes.push(m.fix.unstaged(unstaged.map(displayPath).join(' ')));
  if (restored.length > 0) notes.push(m.fix.restored(restored.map(displayPath).join(' ')));
  for (const name of new Set(plan.files.flatMap((f) => (f.kind === 'rewrite' ? f.profiles.map((p) => p.profile) : [])))) notes.push(m.fix.profileNote(name));
  for (const f of plan.files) {
    if (f.kind === 'rewrite' && f.keptIn !== undefined) notes.push(m.fix.unsetVars(f.moved.map((r) => r.name).join(', '), f.moved.length, displayPath(f.keptIn)));
  }
  const after = await scanChanges({ cwd, env, mode: { kind: 'staged' } });
  for (const f of after.findings) notes.push(`  ${c.bold(f.line > 0 ? `${displayPath(f.file)}:${f.line}:${f.column}` : displayPath(f.file))}  ${m.ruleTitle[f.rule] ?? f.title}  ${f.redacted}`);
  notes.push(after.findings.length === 0 ? c.bold(m.fix.canCommit) : c.red(m.fix.stillFound(after.findings.length)));
  if (remote === undefined) notes.push(c.dim(m.fix.rotate));
  writeOut(`${notes.join('\n')}\n`);
  return after.findings.length === 0 ? EXIT.ok : EXIT.found;
}

/** A y/N question on the terminal; anything but y or yes is no. */
async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^\s*(?:y|yes|はい)\s*$/i.test(await rl.question(question));
  } finally {
    rl.close();
  }
}

/** A path under the home folder as ~/…, as people write it. */
function homePath(path: string, env: NodeJS.ProcessEnv): string {
  const dir = home(env);
  return path.startsWith(`${dir}/`) ? `~${path.slice(dir.length)}` : path;
}
