import pc from 'picocolors';
import { EXIT } from '../errors.js';
import type { GitStream } from '../git.js';
import type { Messages } from '../messages/index.js';
import { renderJson } from '../report/json.js';
import { renderText } from '../report/text.js';
import { scanStaged } from '../staged.js';

export interface ScanCommand {
  cwd: string;
  paths: readonly string[];
  format: 'text' | 'json';
  m: Messages;
  env: NodeJS.ProcessEnv;
  /** the staged diff, already started by the CLI entry */
  diff?: GitStream;
}

/** `aws-key-guard scan [paths...]`: the staged scan, printed; exit 1 when anything is found. */
export async function runScan({ cwd, paths, format, m, env, diff }: ScanCommand): Promise<number> {
  if (env.AWS_KEY_GUARD === '0') {
    diff?.cancel();
    process.stderr.write(`${pc.yellow(m.skippedByEnv)}\n`);
    return EXIT.ok;
  }
  const { findings, summary } = await scanStaged({ cwd, ...(paths.length > 0 ? { paths } : {}), ...(diff ? { diff } : {}) });
  if (format === 'json') {
    process.stdout.write(`${renderJson(findings, summary)}\n`);
  } else {
    const c = pc.createColors(pc.isColorSupported && env.NO_COLOR === undefined);
    process.stdout.write(`${renderText(findings, summary, { m, c })}\n`);
  }
  return findings.length > 0 ? EXIT.found : EXIT.ok;
}
