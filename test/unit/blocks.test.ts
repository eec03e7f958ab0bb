import { describe, expect, it } from 'vitest';
import { blockIds, inOneLineObject } from '../../src/blocks.js';

const ids = (text: string) => blockIds(text.split('\n').map((t, i) => ({ line: i + 1, added: true, text: t })));

describe('blocks by their braces', () => {
  it('gives a block its opening line, and a closing brace the block it closes', () => {
    expect(ids('resource "a" "b" {\n  x = 1\n  tags = {\n    y = 2\n  }\n}\nz = 3')).toEqual([0, 0, 2, 2, 2, 0, -1]);
  });

  it('tells sibling objects of a list apart, on separate lines or after "}, {"', () => {
    expect(ids('[\n  {\n    name = "a"\n  }, {\n    name = "b"\n  }\n]')).toEqual([-1, 1, 1, 3, 3, 3, -1]);
  });

  it('gives lines between braces opened before the window one id, a new one past each closing brace', () => {
    expect(ids('  x = 1\n  y = 2\n}\nresource "c" "d" {\n  z = 3\n}\n  w = 4\n}\nv = 5')).toEqual([-1, -1, -1, 3, 3, 3, -2, -2, -3]);
  });

  it('does not count braces inside strings, escaped quotes included', () => {
    expect(ids('a = "${var.x} {"\nb = "say \\"}\\" {"\nc = {\nd = 1\n}')).toEqual([-1, -1, 2, 2, 2]);
  });

  it('keeps a balanced one-line object in the block around it', () => {
    expect(ids('env = [\n  { name = "A", value = "b" },\n]')).toEqual([-1, -1, -1]);
  });
});

describe('one-line objects', () => {
  it('know a place inside braces that close on the same line', () => {
    const line = '  { name = "AWS_SECRET_ACCESS_KEY", valueFrom = aws_ssm_parameter.sk.arn },';
    expect(inOneLineObject(line, line.indexOf('AWS_'))).toBe(true);
    expect(inOneLineObject('secret_name = "AWS_SECRET_ACCESS_KEY"', 16)).toBe(false);
    expect(inOneLineObject('{ name = "AWS_SECRET_ACCESS_KEY",', 10)).toBe(false); // closes on a later line
    expect(inOneLineObject('x = "{" name = "A" "}"', 9)).toBe(false); // braces in strings
  });
});
