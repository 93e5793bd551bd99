import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../../remediation/catalog/errors';
import { branch } from '../../../remediation/runner/actions/branch';
import type { ActionContext } from '../../../remediation/runner/actions/context';

/** A branch step's context (branch never uses the Python bridge). */
function context(inputs: Record<string, unknown>, dryRun = false): ActionContext {
  return {
    step: { name: 'Choose', action: 'aws:branch', inputs },
    inputs,
    bridge: undefined as never,
    deadline: Number.MAX_SAFE_INTEGER,
    limits: {},
    dryRun,
    dryRunCalls: [],
    variables: {},
    log: () => undefined,
  };
}
const choose = (choice: Record<string, unknown>, extra: Record<string, unknown> = {}, dryRun = false) =>
  branch(context({ Choices: [{ ...choice, NextStep: 'Yes' }], Default: 'No', ...extra }, dryRun));

describe('aws:branch numeric operators', () => {
  it.each([
    'NumericEquals',
    'NumericGreater',
    'NumericLesser',
    'NumericGreaterOrEquals',
    'NumericLesserOrEquals',
  ])('%s names itself and the value when the variable is not a number', async (op) => {
    await expect(choose({ Variable: 'abc', [op]: 1 })).rejects.toThrow(
      new DocumentError(`${op}: 'abc' is not a number`),
    );
    await expect(choose({ Variable: 2, [op]: 'xyz' })).rejects.toThrow(
      new DocumentError(`${op}: 'xyz' is not a number`),
    );
  });

  it.each([
    ['NumericGreater', 3, 3, 'No'],
    ['NumericGreater', 4, 3, 'Yes'],
    ['NumericLesser', 2, 3, 'Yes'],
    ['NumericLesser', 3, 3, 'No'],
    ['NumericGreaterOrEquals', 2, 3, 'No'],
    ['NumericGreaterOrEquals', 3, 3, 'Yes'],
    ['NumericLesserOrEquals', 3, 3, 'Yes'],
    ['NumericLesserOrEquals', 4, 3, 'No'],
    ['EqualsIgnoreCase', 'Abc', 'aBC', 'Yes'],
    ['EqualsIgnoreCase', 'a', 'b', 'No'],
    ['BooleanEquals', 'true', false, 'No'],
    ['BooleanEquals', 'TRUE', true, 'Yes'],
  ])('%s(%j, %j) goes to %s', async (op, actual, expected, next) => {
    expect(await choose({ Variable: actual, [op]: expected })).toEqual({ nextStep: next });
  });
});

describe('aws:branch malformed choices', () => {
  it('refuses a choice without Variable, without operator, or with two operators, quoting it', async () => {
    await expect(choose({ StringEquals: 'a' })).rejects.toThrow(
      new DocumentError(
        'aws:branch choice needs a Variable and one operator: {"StringEquals":"a","NextStep":"Yes"}',
      ),
    );
    await expect(choose({ Variable: 'a' })).rejects.toThrow(
      new DocumentError(
        'aws:branch choice needs a Variable and one operator: {"Variable":"a","NextStep":"Yes"}',
      ),
    );
    await expect(choose({ Variable: 'a', StringEquals: 'a', EndsWith: 'a' })).rejects.toThrow(
      new DocumentError(
        'aws:branch choice needs a Variable and one operator: {"Variable":"a","StringEquals":"a","EndsWith":"a","NextStep":"Yes"}',
      ),
    );
  });

  it('refuses a Not that is not a choice object', async () => {
    await expect(choose({ Not: 'oops' })).rejects.toThrow(
      new DocumentError(
        'aws:branch choice needs a Variable and one operator: {"Not":"oops","NextStep":"Yes"}',
      ),
    );
    await expect(choose({ Not: true })).rejects.toThrow(
      new DocumentError('aws:branch choice needs a Variable and one operator: {"Not":true,"NextStep":"Yes"}'),
    );
  });
});

describe('aws:branch fallbacks and dry runs', () => {
  it('ignores a Default that is not a step name', async () => {
    expect(await choose({ Variable: 'a', StringEquals: 'b' }, { Default: 5 })).toEqual({});
  });

  it('evaluates a literal {{ in a real run, and a non-string or resolved variable in a dry run', async () => {
    expect(await choose({ Variable: '{{ x }}', StringEquals: '{{ x }}' })).toEqual({ nextStep: 'Yes' });
    expect(await choose({ Variable: 5, NumericEquals: 5 }, {}, true)).toEqual({ nextStep: 'Yes' });
    expect(await choose({ Variable: 'plain', StringEquals: 'plain' }, {}, true)).toEqual({ nextStep: 'Yes' });
    expect(await choose({ Variable: '{{ Step.Out }}', StringEquals: 'plain' }, {}, true)).toEqual({
      nextStep: 'No',
    });
  });
});
