import { readFileSync } from 'node:fs';
import { scanChanges, type ScanResult } from '../changes.js';
import { colorsWanted, paint } from '../colors.js';
import { skipRequested } from '../config.js';
import { EXIT, GuardError } from '../errors.js';
import { peeledTypeArgs, preReceiveRevs } from '../git/args.js';
import { gitMaybe } from '../git/run.js';
import type { Messages } from '../messages/index.js';
import { writeOut } from '../output.js';
import { pushedTips, serverSettings } from '../receive.js';
import { renderText } from '../report/text.js';

export interface ReceiveCommand {
  cwd: string;
  m: Messages;
  env: NodeJS.ProcessEnv;
  /** Git's pre-receive input; read from standard input when not given */
  stdin?: string;
}

/**
 * `aws-key-guard scan --pre-receive`: the server's check of a push. Git relays everything the hook
 * prints to the pusher (as `remote: …` lines), so the report goes to standard output as usual.
 * Exit 0 lets the push in; any other code refuses every ref of it.
 */
export async function runPreReceive(cmd: ReceiveCommand): Promise<number> {
  const { cwd, m, env } = cmd;
  const c = paint(colorsWanted(env));
  if (skipRequested(env)) {
    writeOut(`${c.yellow(m.receiveSkippedByEnv)}\n`);
    return EXIT.ok;
  }
  const tips = pushedTips(cmd.stdin ?? readStdin());
  if (tips.length === 0) return EXIT.ok; // only deletions
  // A tag may name a tree or a blob: no commit to read, so nothing this check can vouch for.
  for (const tip of tips) {
    const type = gitMaybe(peeledTypeArgs(tip), cwd);
    if (type !== 'commit') throw new GuardError(m.receiveNotCommit(type ?? 'missing object', tip.slice(0, 12)), EXIT.error);
  }
  const settings = serverSettings(cwd);
  const scan = scanChanges({ cwd, env, bare: true, config: settings.config, mode: { kind: 'range', revs: [preReceiveRevs(tips)] } });
  const result = await withinTime(scan, settings.timeoutMs);
  if (result === 'timeout') {
    const seconds = settings.timeoutMs / 1000;
    if (settings.onTimeout === 'allow') {
      writeOut(`${c.yellow(m.receiveTimeoutAllowed(seconds))}\n`);
      return EXIT.ok;
    }
    writeOut(`${c.red(m.receiveTimeoutRefused(seconds))}\n`);
    return EXIT.error;
  }
  const { findings, summary } = result;
  if (findings.length === 0) {
    if (summary.files > 0) writeOut(`${c.dim(m.receiveClean(summary.files, summary.addedLines))}\n`);
    return EXIT.ok;
  }
  writeOut(`${c.red(c.bold(m.receiveRefused))}\n\n${renderText(findings, summary, { m, c })}\n\n${c.bold(m.receiveRewrite)}\n`);
  return EXIT.found;
}

/** The scan's result, or 'timeout' when it takes longer than `ms` (0: no limit). */
async function withinTime(scan: Promise<ScanResult>, ms: number): Promise<ScanResult | 'timeout'> {
  if (ms === 0) return scan;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([scan, late]);
  } finally {
    clearTimeout(timer);
  }
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}
