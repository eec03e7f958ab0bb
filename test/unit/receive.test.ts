import { describe, expect, it } from 'vitest';
import { preReceiveRevs } from '../../src/git/args.js';
import { DEFAULT_TIMEOUT_SECONDS, parseServerSettings, pushedTips } from '../../src/receive.js';

const zero = '0'.repeat(40);
const a = 'a'.repeat(40);
const b = 'b'.repeat(40);
const c = 'c'.repeat(40);

describe('pushedTips', () => {
  it.each([
    ['a new branch', `${zero} ${a} refs/heads/new\n`, [a]],
    ['an update and a tag, one tip each', `${a} ${b} refs/heads/main\n${zero} ${c} refs/tags/v1\n`, [b, c]],
    ['a deletion, which adds nothing', `${a} ${zero} refs/heads/gone\n`, []],
    ['the same tip on two refs, once', `${zero} ${a} refs/heads/x\n${zero} ${a} refs/heads/y\n`, [a]],
    ['SHA-256 names', `${'0'.repeat(64)} ${'d'.repeat(64)} refs/heads/main\n`, ['d'.repeat(64)]],
    ['no input at all', '', []],
  ])('takes %s', (_, input, tips) => {
    expect(pushedTips(input)).toEqual(tips);
  });

  it.each([['not a line of Git'], [`${a} --all refs/heads/main`], [`${a} ${b}`]])('refuses input it does not understand: %s', (input) => {
    expect(() => pushedTips(input)).toThrow(/pre-receive hook got input it does not understand/);
  });

  it('asks Git for the tips against everything the repository already has', () => {
    expect(preReceiveRevs([a, b])).toEqual([a, b, '--not', '--all']);
    expect(preReceiveRevs([a])).toEqual([a, '--not', '--all']);
  });
});

describe('parseServerSettings', () => {
  it('refuses after a minute by default, with no configuration', () => {
    const settings = parseServerSettings('');
    expect(settings).toMatchObject({ timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000, onTimeout: 'refuse' });
    expect(settings.config).toMatchObject({ include: [], exclude: [], disable: [], allow: [] });
  });

  it('reads the time limit, the choice and the lists, whatever the case of the names', () => {
    const settings = parseServerSettings(
      'awskeyguard.timeout 2.5\nawskeyguard.ontimeout allow\nawskeyguard.exclude fixtures/\nawskeyguard.exclude *.example\nawskeyguard.allow 0123456789abcdef\n',
    );
    expect(settings).toMatchObject({ timeoutMs: 2500, onTimeout: 'allow' });
    expect(settings.config).toMatchObject({ exclude: ['fixtures/', '*.example'], allow: ['0123456789abcdef'] });
    expect(parseServerSettings('awskeyguard.timeout 0').timeoutMs).toBe(0);
  });

  it.each([
    ['awskeyguard.timeout soon', /awsKeyGuard\.timeout must be/],
    ['awskeyguard.timeout -1', /awsKeyGuard\.timeout must be/],
    ['awskeyguard.timeout', /awsKeyGuard\.timeout must be/],
    ['awskeyguard.ontimeout maybe', /awsKeyGuard\.onTimeout must be/],
    ['awskeyguard.timout 5', /awskeyguard\.timout is not a setting/],
    ['awskeyguard.allow not-a-fingerprint', /"allow" entry 1 is not a fingerprint/],
    ['awskeyguard.disable no-such-rule', /"disable" names no rule/],
  ])('refuses a bad setting: %s', (text, message) => {
    expect(() => parseServerSettings(text)).toThrow(message);
  });
});
