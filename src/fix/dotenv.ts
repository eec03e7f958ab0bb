import { RULES } from '../rules.js';

/**
 * Pure: a dotenv file's `.env.example`: the same names in the same order, each with a placeholder
 * (`AWS_REGION=your-aws-region`), blank lines and comments kept, and nothing that looks like a key.
 */
export function exampleText(text: string): string {
  const out: string[] = [];
  for (const line of text.split(/(?<=\n)/)) {
    const body = line.replace(/\r?\n$/, '');
    const eol = line.slice(body.length);
    const assignment = /^([ \t]*)(export[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*=/.exec(body);
    if (assignment) {
      const [, indent = '', exported = '', name = ''] = assignment;
      out.push(`${indent}${exported}${name}=your-${name.toLowerCase().replace(/[_.]/g, '-')}${eol}`);
    } else if (body.trim() === '' || (/^\s*#/.test(body) && !looksLikeKey(body))) {
      out.push(line);
    }
  }
  return out.join('');
}

function looksLikeKey(line: string): boolean {
  return RULES.some((r) => {
    r.pattern.lastIndex = 0;
    return r.pattern.test(line);
  });
}

/** Pure: the example file's name: `.env.example` for `.env` and `.env.*`, else `<name>.example`. */
export function exampleName(name: string): string {
  return /^\.env(?:\..*)?$/i.test(name) ? '.env.example' : `${name}.example`;
}
