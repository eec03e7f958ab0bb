import { assignedName, blockKind, readAssignment, readLayout, VARIABLE, type LineLayout } from './hcl.js';

/**
 * Pure: a Terraform or Terragrunt file with its keys taken out. In a `provider "aws"` or
 * `backend "s3"` block the key lines are replaced by one `profile = "<name>"` line; in a
 * `.tfvars`, a Terragrunt `inputs` map or a variable's `default`, the assignment is removed
 * (`moved`), and fix keeps its value elsewhere. Every other byte stays as it was. Anything it is
 * not sure of is refused, with the line.
 */

/** A finding's raw value where it stands (1-based line and column), with its rule. */
export interface KeyAt {
  line: number;
  column: number;
  rule: string;
  value: string;
}

export interface KeyPair {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Why a file is left alone: each has a sentence in messages (fix.why). */
export type Refusal = 'layout' | 'quoted' | 'notAssignment' | 'block' | 'pair' | 'profileSet';

/** An assignment taken out whose value fix keeps elsewhere, under the variable's name. */
export interface Moved {
  line: number;
  name: string;
  value: string;
  rule: string;
}

export type Rewrite =
  | { ok: true; text: string; moved: Moved[]; profiles: { pair: KeyPair; profile: string; line: number }[] }
  | { ok: false; line: number; why: Refusal };

const KEY_NAMES: Record<string, string> = {
  access_key: 'aws-access-key-id',
  secret_key: 'aws-secret-access-key',
  token: 'aws-session-token',
};

/** Arguments that make a block's credentials come from elsewhere: adding a profile would clash. */
const CREDENTIAL_SOURCES = /^(?:profile|shared_credentials_files?|shared_config_files?)$/;

export function rewriteTerraform(
  text: string,
  keys: readonly KeyAt[],
  fileKind: 'terraform' | 'tfvars' | 'terragrunt',
  profileFor: (pair: KeyPair) => string,
): Rewrite {
  const raw = text.split(/(?<=\n)/);
  const lines = raw.map((l) => l.replace(/\r?\n$/, ''));
  const layout = readLayout(lines);
  const first = Math.min(...keys.map((k) => k.line));
  if (layout === undefined) return { ok: false, line: first, why: 'layout' };

  const moved: Moved[] = [];
  const byBlock = new Map<number, KeyAt[]>();
  for (const key of [...keys].sort((a, b) => a.line - b.line)) {
    const at = layout[key.line - 1] as LineLayout | undefined;
    if (at === undefined || !at.plain) return { ok: false, line: key.line, why: 'quoted' };
    const a = readAssignment(lines[key.line - 1] as string);
    if (a === undefined || a.value !== key.value) return { ok: false, line: key.line, why: 'notAssignment' };
    const kind = blockKind(at);
    const wanted = fileKind === 'terraform' ? ['provider', 'backend', 'variable'] : fileKind === 'tfvars' ? ['top'] : ['inputs'];
    if (kind === undefined || !wanted.includes(kind)) return { ok: false, line: key.line, why: 'block' };
    if (kind === 'provider' || kind === 'backend') {
      if (KEY_NAMES[a.name] !== key.rule) return { ok: false, line: key.line, why: 'notAssignment' };
      const id = (at.blocks[at.blocks.length - 1] as { id: number }).id;
      byBlock.set(id, [...(byBlock.get(id) ?? []), key]);
      continue;
    }
    // variable "x" { default = "…" }: the value moves under the variable's own name.
    const name = kind === 'variable' ? VARIABLE.exec(at.blocks[0]?.header ?? '')?.[1] : a.name;
    if (name === undefined || (kind === 'variable' && a.name !== 'default')) return { ok: false, line: key.line, why: 'notAssignment' };
    moved.push({ line: key.line, name, value: a.value, rule: key.rule });
  }

  const out = [...raw];
  const profiles: { pair: KeyPair; profile: string; line: number }[] = [];
  for (const [id, found] of byBlock) {
    const inBlock = lines.flatMap((_, i) => (layout[i]?.plain && layout[i]?.blocks.at(-1)?.id === id ? [i] : []));
    const byName = new Map<string, number>();
    for (const i of inBlock) {
      const name = assignedName(lines[i] as string);
      if (name === undefined) continue;
      if (CREDENTIAL_SOURCES.test(name)) return { ok: false, line: i + 1, why: 'profileSet' };
      if (Object.hasOwn(KEY_NAMES, name)) byName.set(name, i);
    }
    // Every key line of the block must be one of its findings: a half-literal pair cannot be saved.
    const valueOf = (name: string) => found.find((k) => k.line === (byName.get(name) ?? -2) + 1)?.value;
    for (const [name, i] of byName) if (valueOf(name) === undefined) return { ok: false, line: i + 1, why: 'pair' };
    const accessKeyId = valueOf('access_key');
    const secretAccessKey = valueOf('secret_key');
    if (accessKeyId === undefined || secretAccessKey === undefined) return { ok: false, line: (found[0] as KeyAt).line, why: 'pair' };
    const sessionToken = valueOf('token');
    const pair: KeyPair = sessionToken === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, sessionToken };
    const profile = profileFor(pair);
    const at = Math.min(...byName.values());
    const a = readAssignment(lines[at] as string) as NonNullable<ReturnType<typeof readAssignment>>;
    const eol = (raw[at] as string).slice((lines[at] as string).length);
    out[at] = `${a.indent}${'profile'.padEnd(Math.max(a.nameWidth, 8))}= "${profile}"${eol}`;
    for (const i of byName.values()) if (i !== at) out[i] = '';
    profiles.push({ pair, profile, line: at + 1 });
  }
  for (const r of moved) out[r.line - 1] = '';
  return { ok: true, text: out.join(''), moved, profiles };
}
