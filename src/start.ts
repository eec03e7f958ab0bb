import { findTop, includeGlobs, loadConfig, type Config } from './config.js';
import { GitStream, stagedDiffArgs } from './git.js';
import { pathspecs } from './scope.js';

/** The pathspecs for a repository's configuration: the default scope plus configured globs. */
export function scopeSpecs(config: Config): string[] {
  return pathspecs(includeGlobs(config));
}

/**
 * Starts git on the staged diff as early as possible, for the CLI entry (this module loads only
 * what that needs). Undefined when the configuration cannot be read: the scan proper reports why.
 */
export function startStagedScan(cwd: string, env: NodeJS.ProcessEnv): GitStream | undefined {
  try {
    return new GitStream(stagedDiffArgs(scopeSpecs(loadConfig(findTop(cwd, env)))), cwd);
  } catch {
    return undefined;
  }
}
