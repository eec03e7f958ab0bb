import { describe, expect, it } from 'vitest';
import { accountFromKeyId, keyIdInfo } from '../../src/keyinfo.js';
import { fakeAccessKeyId } from '../helpers/fakeKeys.js';

describe('keyIdInfo', () => {
  // Published key-ID/account pairs (these IDs are public examples of the encoding, not secrets).
  it.each([
    ['ASIAY34FZKBOKMUTVV7A', '609629065308'],
    ['AKIAYVP4CIPPERUVIFXG', '595918472158'],
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
