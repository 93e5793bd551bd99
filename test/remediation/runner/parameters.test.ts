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
});
