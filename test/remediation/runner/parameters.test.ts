import { describe, expect, it } from 'vitest';
import type { AutomationDocument } from '../../../remediation/catalog/types';
import { ParameterError } from '../../../remediation/runner/errors';
import { resolveParameters } from '../../../remediation/runner/parameters';

const doc: AutomationDocument = {
  schemaVersion: '0.3',
  parameters: {
    Name: { type: 'String', allowedPattern: '^[a-z]+$' },
    Names: { type: 'StringList', allowedPattern: '^[a-z]+$', default: [] },
    Force: { type: 'Boolean', default: false },
    Count: { type: 'Integer', default: 3 },
    Tags: { type: 'StringMap', default: {} },
    Items: { type: 'MapList', default: [] },
    Mode: { type: 'String', allowedValues: ['ON', 'OFF'], default: 'ON' },
  },
  mainSteps: [{ name: 'S', action: 'aws:sleep', inputs: { Duration: 'PT0S' } }],
};

describe('Runner: parameters', () => {
  it('applies defaults and keeps each type', () => {
    // Act
    const p = resolveParameters(doc, { Name: 'abc' });
    // Assess
    expect(p).toEqual({ Name: 'abc', Names: [], Force: false, Count: 3, Tags: {}, Items: [], Mode: 'ON' });
  });

  it('converts text input to the declared types', () => {
    // Act
    const p = resolveParameters(doc, {
      Name: 'abc',
      Names: 'one',
      Force: 'true',
      Count: '42',
      Tags: '{"k":"v"}',
      Items: '[{"a":1}]',
    });
    // Assess
    expect(p).toMatchObject({ Names: ['one'], Force: true, Count: 42, Tags: { k: 'v' }, Items: [{ a: 1 }] });
  });

  it('requires a parameter without a default, naming it', () => {
    expect(() => resolveParameters(doc, {})).toThrow(new ParameterError("Missing required parameter 'Name'"));
  });

  it('rejects an unknown parameter, naming it', () => {
    expect(() => resolveParameters(doc, { Name: 'a', Bogus: 'x' })).toThrow(/Unknown parameter\(s\): Bogus/);
  });

  it('applies allowedPattern to a String and to each item of a StringList', () => {
    expect(() => resolveParameters(doc, { Name: 'ABC' })).toThrow(
      "Parameter 'Name' value 'ABC' does not match its allowedPattern ^[a-z]+$",
    );
    expect(() => resolveParameters(doc, { Name: 'a', Names: ['ok', 'NOT-OK'] })).toThrow(
      /'Names' value 'NOT-OK'/,
    );
  });

  it('applies allowedValues', () => {
    expect(() => resolveParameters(doc, { Name: 'a', Mode: 'MAYBE' })).toThrow(
      "'Mode' value 'MAYBE' is not one of ON, OFF",
    );
  });

  it('rejects values of the wrong type', () => {
    expect(() => resolveParameters(doc, { Name: 'a', Count: '1.5' })).toThrow("'Count' must be an Integer");
    expect(() => resolveParameters(doc, { Name: 'a', Force: 'yes' })).toThrow("'Force' must be a Boolean");
    expect(() => resolveParameters(doc, { Name: 'a', Tags: '[1]' })).toThrow("'Tags' must be a StringMap");
  });

  const typed: AutomationDocument = {
    schemaVersion: '0.3',
    parameters: {
      Text: { type: 'String', default: 'x' },
      Ids: { type: 'StringList', default: ['a'], allowedValues: ['a', 'b', 'c'], minItems: 1, maxItems: 2 },
      Code: { type: 'String', default: 'abc', minChars: 2, maxChars: 4 },
      Items: { type: 'MapList', default: [] },
      On: { type: 'Boolean', default: false },
    },
    mainSteps: [{ name: 'S', action: 'aws:sleep', inputs: { Duration: 'PT0S' } }],
  };

  it.each([
    [{ Text: 7 }, { Text: '7' }],
    [{ Text: true }, { Text: 'true' }],
    [{ Ids: ['a', 'c'] }, { Ids: ['a', 'c'] }],
    [{ Code: 'ab' }, { Code: 'ab' }],
    [{ Code: 'abcd' }, { Code: 'abcd' }],
    [{ Items: [{ k: 'v' }] }, { Items: [{ k: 'v' }] }],
    [{ On: true }, { On: true }],
  ])('takes %j as %j', (supplied, expected) => {
    // Act / Assess
    expect(resolveParameters(typed, supplied as never)).toMatchObject(expected);
  });

  it.each([
    [{ Text: { a: 1 } }, "Parameter 'Text' must be a String"],
    [{ Ids: 5 }, "Parameter 'Ids' must be a StringList"],
    [{ Ids: [{ a: 1 }] }, "Parameter 'Ids' must be a StringList"],
    [{ Ids: ['a', 'd'] }, "Parameter 'Ids' value 'd' is not one of a, b, c"],
    [{ Ids: [] }, "Parameter 'Ids' needs at least 1 item(s)"],
    [{ Ids: ['a', 'b', 'c'] }, "Parameter 'Ids' takes at most 2 item(s)"],
    [{ Code: 'a' }, "Parameter 'Code' needs at least 2 character(s)"],
    [{ Code: 'abcde' }, "Parameter 'Code' takes at most 4 character(s)"],
    [{ Items: '{' }, "Parameter 'Items' must be a MapList (JSON array of objects), got '{'"],
    [{ Items: '[1]' }, "Parameter 'Items' must be a MapList"],
    [{ Items: { a: 1 } }, "Parameter 'Items' must be a MapList"],
    [{ On: 1 }, "Parameter 'On' must be a Boolean (true or false), got '1'"],
  ])('refuses %j: %s', (supplied, message) => {
    // Act / Assess
    expect(() => resolveParameters(typed, supplied as never)).toThrow(new ParameterError(message));
  });

  it('names no parameters for a document that takes none', () => {
    // Prepare
    const bare: AutomationDocument = { schemaVersion: '0.3', mainSteps: typed.mainSteps };
    // Act / Assess
    expect(resolveParameters(bare, {})).toEqual({});
    expect(() => resolveParameters(bare, { X: 'y' })).toThrow(
      new ParameterError('Unknown parameter(s): X. The document takes: none'),
    );
  });
});
