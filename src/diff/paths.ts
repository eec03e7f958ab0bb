/** Pure: reading paths the way Git prints them in patch headers (latin1 text of the raw bytes). */

/**
 * The path in a `+++ b/<path>`, `rename to <path>` or `copy to <path>` header, or undefined for
 * /dev/null. Git C-quotes unusual paths ("b/a\"b\n.tf"); otherwise it may add a trailing TAB.
 */
export function headerPath(field: string, prefix = 'b/'): string | undefined {
  const bytes = field.startsWith('"')
    ? unquoteC(field.slice(1, field.lastIndexOf('"')))
    : Buffer.from(field.endsWith('\t') ? field.slice(0, -1) : field, 'latin1');
  const path = bytes.toString('utf8');
  if (path === '/dev/null') return undefined;
  return prefix !== '' && path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/**
 * The path of a `diff --git a/<p> b/<p>` line (the rest after "diff --git "), for a file whose
 * header has no `+++` line (an empty new file, a mode change); undefined when the two names
 * differ, where `rename to` or `copy to` names the file instead.
 */
export function diffGitPath(rest: string): string | undefined {
  if (rest.startsWith('"')) {
    const second = rest.indexOf(' "b/');
    return second < 0 ? undefined : headerPath(rest.slice(second + 1));
  }
  const n = (rest.length - 5) / 2; // "a/" + p + " b/" + p
  if (!Number.isInteger(n) || n <= 0 || rest.slice(2, 2 + n) !== rest.slice(-n)) return undefined;
  return headerPath(rest.slice(-n - 2));
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

function unquoteC(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c !== '\\') {
      out.push(s.charCodeAt(i) & 0xff);
      continue;
    }
    const next = s[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      out.push(parseInt(s.slice(i + 1, i + 4), 8) & 0xff);
      i += 3;
    } else {
      out.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(out);
}
