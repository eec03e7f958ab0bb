/**
 * Pure, offline: what an access key ID says about itself. The prefix tells the kind of key; for
 * keys issued since about 2019 the account ID is encoded in the following characters (base32,
 * account = bits 1..40 of the first six bytes). Keys whose fifth character is I or J are of the
 * older generation and carry no account.
 */
export const KEY_ID_PREFIXES: Readonly<Record<string, string>> = {
  AKIA: 'long-term access key of an IAM user (or the root user)',
  ASIA: 'temporary STS credentials (a role session, SSO or MFA session)',
  ABIA: 'AWS STS service bearer token',
  ACCA: 'context-specific credential',
};

/** The alphabet of an access key ID's body. */
export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function keyIdInfo(keyId: string): { prefix: string; account?: string } {
  const prefix = keyId.slice(0, 4);
  const account = accountFromKeyId(keyId);
  return account === undefined ? { prefix } : { prefix, account };
}

export function accountFromKeyId(keyId: string): string | undefined {
  const body = keyId.slice(4);
  if (body.length !== 16 || body[0] === 'I' || body[0] === 'J') return undefined;
  let bits = 0n;
  for (const ch of body.slice(0, 10)) {
    const v = BASE32.indexOf(ch);
    if (v < 0) return undefined;
    bits = (bits << 5n) | BigInt(v);
  }
  // 10 base32 characters are 50 bits; the first six bytes are the top 48 of them.
  const first6 = bits >> 2n;
  const account = (first6 & 0x7fffffffff80n) >> 7n;
  // 40 bits can exceed twelve digits; such a key was not issued by AWS with this encoding.
  return account < 1_000_000_000_000n ? account.toString().padStart(12, '0') : undefined;
}
