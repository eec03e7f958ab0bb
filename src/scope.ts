import { TARGET_FILES, type FileKind } from './rules.js';

/**
 * Pure: the kind of a path that Git returned for the scope's pathspecs (git/args.ts), or
 * undefined when it is out of scope. The first match wins; configured globs give 'other'.
 */
export function kindOf(path: string, extra: readonly RegExp[] = []): FileKind | undefined {
  for (const m of matchers()) if (m.re.test(path)) return m.kind;
  for (const re of extra) if (re.test(path)) return 'other';
  return undefined;
}

let made: readonly { re: RegExp; kind: FileKind }[] | undefined;
function matchers(): readonly { re: RegExp; kind: FileKind }[] {
  made ??= TARGET_FILES.map((t) => ({ re: globToRegExp(t.glob), kind: t.kind }));
  return made;
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
