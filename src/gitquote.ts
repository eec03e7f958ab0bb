/** Pure: reading paths the way Git prints them in patch headers. */

/**
 * The path in a `+++ b/<path>` header line (latin1 text of the raw bytes), or undefined for
 * /dev/null. Git C-quotes unusual paths ("b/a\"b\n.tf"); otherwise it may add a trailing TAB.
 */
export function decodeHeaderPath(field: string): string | undefined {
  let bytes: Buffer;
  if (field.startsWith('"')) {
    bytes = unquoteC(field.slice(1, field.lastIndexOf('"')));
  } else {
    bytes = Buffer.from(field.endsWith('\t') ? field.slice(0, -1) : field, 'latin1');
  }
  const path = bytes.toString('utf8');
  if (path === '/dev/null') return undefined;
  return path.startsWith('b/') ? path.slice(2) : path;
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
