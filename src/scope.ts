import { TARGET_FILES, type FileKind } from './rules.js';

/**
 * Pure: which staged paths are in scope. Git does the filtering with these pathspecs (so files
 * out of scope are never read); `kindOf` gives the kind of a path Git returned.
 */
export function pathspecs(extraGlobs: readonly string[] = []): string[] {
  return [...TARGET_FILES.map((t) => t.glob), ...extraGlobs].map((g) => `:(top,glob,icase)${g}`);
}

/** Made on first use: the CLI starts git before it needs them. */
let matchers: readonly { re: RegExp; kind: FileKind }[] | undefined;

/** The kind of an in-scope path, or undefined when it is out of scope. The first match wins. */
export function kindOf(path: string, extra: readonly RegExp[] = []): FileKind | undefined {
  matchers ??= TARGET_FILES.map((t) => ({ re: globToRegExp(t.glob), kind: t.kind }));
  for (const m of matchers) if (m.re.test(path)) return m.kind;
  for (const re of extra) if (re.test(path)) return 'other';
  return undefined;
}

/** Git's glob pathspec semantics for the patterns we use: `**​/` any folders, `*` within one. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (glob.startsWith('**/', i)) {
      re += '(?:[^/]*/)*';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      re += '.*';
      i += 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'is');
}
