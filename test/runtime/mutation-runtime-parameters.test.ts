// Issue 11: pins what functions/runtime/parameters.ts does with blank, padded, null and non-string
// values and with nested JSON (Stryker survivors of the runtime slice).
import { describe, expect, it } from 'vitest';
import { bool, firstDuplicateKey, int, list, parseParameters, str } from '../../functions/runtime/parameters';

describe('spec descriptions', () => {
  it('names the kind, whether a value is required and the default text', () => {
    expect(bool(false, 'b')).toMatchObject({
      kind: 'bool',
      description: 'b',
      required: false,
      defaultText: 'false',
    });
    expect(str('s')).toMatchObject({ kind: 'string', required: false, defaultText: undefined });
    expect(str('s', { required: true })).toMatchObject({ required: true });
    expect(list('l')).toMatchObject({ kind: 'list', required: false, defaultText: '' });
    expect(list('l', { default: ['a', 'b'], required: true })).toMatchObject({
      required: true,
      defaultText: 'a,b',
    });
    expect(int(7, 'i')).toMatchObject({ kind: 'int', required: false, defaultText: '7' });
  });
});

describe('bool', () => {
  const spec = bool(true, 'b');
  it('takes the default for a blank value', () => {
    expect(spec.parse('b', '   ')).toBe(true);
    expect(spec.parse('b', undefined)).toBe(true);
  });
  it('reads padded, mixed-case true and false', () => {
    expect(spec.parse('b', ' FALSE ')).toBe(false);
    expect(spec.parse('b', 'false')).toBe(false);
    expect(bool(false, 'b').parse('b', ' True ')).toBe(true);
  });
  it('rejects other words', () => {
    expect(() => spec.parse('b', 'yes')).toThrow(
      `Invalid rule parameter 'b': expected true or false, got "yes"`,
    );
  });
});

describe('str', () => {
  it('trims the value', () => {
    expect(str('s').parse('s', '  abc  ')).toBe('abc');
  });
  it('takes the default for a blank value', () => {
    expect(str('s', { default: 'd' }).parse('s', '   ')).toBe('d');
  });
});

describe('list', () => {
  it('returns a copy of the default when no item is given', () => {
    const spec = list('l', { default: ['a', 'b'] });
    expect(spec.parse('l', ' , ')).toEqual(['a', 'b']);
    expect(spec.parse('l', undefined)).toEqual(['a', 'b']);
  });
  it('calls a bad item a value when the spec has no item name', () => {
    expect(() => list('l', { pattern: /^a$/ }).parse('l', 'a,b')).toThrow(
      `Invalid rule parameter 'l': "b" is not a valid value (expected /^a$/)`,
    );
  });
});

describe('int', () => {
  it('takes the default for a blank value', () => {
    expect(int(7, 'i').parse('i', '  ')).toBe(7);
  });
  it('reads a padded integer and accepts any value without bounds', () => {
    expect(int(7, 'i').parse('i', ' 12 ')).toBe(12);
    expect(int(7, 'i').parse('i', '-5000')).toBe(-5000);
  });
  it('accepts values inside the bounds, including both ends', () => {
    const spec = int(7, 'i', { min: 1, max: 10 });
    expect(spec.parse('i', '1')).toBe(1);
    expect(spec.parse('i', '10')).toBe(10);
    expect(() => spec.parse('i', '11')).toThrow(`Invalid rule parameter 'i': must be at most 10, got 11`);
    expect(() => spec.parse('i', '0')).toThrow(`Invalid rule parameter 'i': must be at least 1, got 0`);
  });
});

describe('parseParameters', () => {
  const specs = { on: bool(false, 'b'), name: str('s', { default: 'd' }), n: int(3, 'i') };
  const defaults = { on: false, name: 'd', n: 3 };
  it('takes every default for null, blank text or no parameters', () => {
    expect(parseParameters(specs, null)).toEqual(defaults);
    expect(parseParameters(specs, '   ')).toEqual(defaults);
    expect(parseParameters(specs, undefined)).toEqual(defaults);
  });
  it('names what it got instead of JSON text', () => {
    expect(() => parseParameters(specs, [])).toThrow(
      `Invalid rule parameter 'ruleParameters': must be a JSON text (a string), got an array`,
    );
    expect(() => parseParameters(specs, 5)).toThrow(
      `Invalid rule parameter 'ruleParameters': must be a JSON text (a string), got a number`,
    );
  });
  it('rejects JSON null', () => {
    expect(() => parseParameters(specs, 'null')).toThrow(
      `Invalid rule parameter 'ruleParameters': must be a JSON object`,
    );
  });
  it('lists the known parameters, or none', () => {
    expect(() => parseParameters(specs, '{"x":"1"}')).toThrow(
      `Invalid rule parameter 'x': is not a parameter of this rule (known: on, name, n)`,
    );
    expect(() => parseParameters({}, '{"x":"1"}')).toThrow(
      `Invalid rule parameter 'x': is not a parameter of this rule (known: none)`,
    );
  });
  it('treats a JSON null value as not given', () => {
    expect(parseParameters(specs, '{"on":null,"name":null,"n":null}')).toEqual(defaults);
  });
  it('accepts JSON booleans and numbers as their text', () => {
    expect(parseParameters(specs, '{"on":true,"name":"x","n":42}')).toEqual({ on: true, name: 'x', n: 42 });
  });
  it('rejects an object value', () => {
    expect(() => parseParameters(specs, '{"name":{}}')).toThrow(
      `Invalid rule parameter 'name': must be a string`,
    );
  });
});

describe('firstDuplicateKey', () => {
  it('finds a key repeated after a nested array', () => {
    expect(firstDuplicateKey('{"a":["x"],"a":1}')).toBe('a');
    expect(firstDuplicateKey('{"a":[1],"a":2}')).toBe('a');
  });
  it('does not mix the keys of a nested object with its parent', () => {
    expect(firstDuplicateKey('{"x":{"a":1},"a":2}')).toBeUndefined();
  });
  it('names the duplicate through parseParameters', () => {
    expect(() => parseParameters({ a: list('l') }, '{"a":["x"],"a":"y"}')).toThrow(
      `Invalid rule parameter 'a': is given more than once`,
    );
  });
});
