import { describe, expect, it } from 'vitest';
import { includeGlobs, validate } from '../../src/config.js';
import { fakeAccessKeyId } from '../helpers/fakeKeys.js';

describe('configuration', () => {
  it('accepts every documented field', () => {
    const c = validate({ include: ['*.tpl', 'deploy/*.yaml'], exclude: ['examples/'], disable: ['aws-session-token'], allow: ['0123456789abcdef'] }, 'x');
    expect(c).toMatchObject({ include: ['*.tpl', 'deploy/*.yaml'], exclude: ['examples/'], disable: ['aws-session-token'], allow: ['0123456789abcdef'] });
    expect(includeGlobs(c)).toEqual(['**/*.tpl', 'deploy/*.yaml']);
  });

  it.each([
    [[], 'must be a JSON object'],
    [{ includes: ['x'] }, 'unknown field "includes"'],
    [{ include: '*.tpl' }, '"include" must be a list of non-empty strings'],
    [{ exclude: [1] }, '"exclude" must be a list'],
    [{ disable: ['aws-nope'] }, 'names no rule "aws-nope"'],
    [{ allow: ['abc'] }, '"allow" entry 1 is not a fingerprint'],
  ])('rejects %j with a one-line error naming the field', (value, message) => {
    expect(() => validate(value, '.aws-key-guard.json')).toThrow(message);
  });

  it('never echoes a key pasted where a fingerprint belongs', () => {
    const id = fakeAccessKeyId();
    let message = '';
    try {
      validate({ allow: [id] }, '.aws-key-guard.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('never put a key itself there');
    expect(message).not.toContain(id);
    try {
      validate({ [id]: [] }, '.aws-key-guard.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain(id);
  });
});
