import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../../remediation/catalog/errors';
import { branch } from '../../../remediation/runner/actions/branch';
import type { ActionContext } from '../../../remediation/runner/actions/context';
import { durationSeconds, sleepAction } from '../../../remediation/runner/actions/sleep';
import { UnsupportedFeatureError } from '../../../remediation/runner/errors';
import { partitionOf } from '../../../remediation/runner/interpolate';

/** An action context without a Python bridge: branch and sleep never use it. */
function context(inputs: Record<string, unknown>, options: { dryRun?: boolean } = {}) {
  const logs: string[] = [];
  const ctx: ActionContext = {
    step: { name: 'Choose', action: 'aws:branch', inputs },
    inputs,
    bridge: undefined as never,
    deadline: Number.MAX_SAFE_INTEGER,
    limits: {},
    dryRun: options.dryRun ?? false,
    dryRunCalls: [],
    variables: {},
    log: (text) => logs.push(text),
  };
  return { ctx, logs };
}

describe('Runner: the partition of a region (global:AWS_PARTITION)', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['eu-west-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
  ])('%s is in %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });
});

describe('Runner: aws:sleep durations', () => {
  it.each([
    ['PT0S', 0],
    ['PT1.5S', 1.5],
    ['PT2M', 120],
    ['PT1H30M', 5400],
    ['P1D', 86400],
    ['P1DT1H1M1S', 90061],
  ])('%s is %d s', (text, seconds) => {
    expect(durationSeconds(text)).toBe(seconds);
  });

  it.each(['P', 'P1DT', 'PT', '5 minutes', 'PT1W'])('refuses %j', (text) => {
    expect(() => durationSeconds(text)).toThrow(
      new DocumentError(`aws:sleep Duration '${text}' is not ISO 8601`),
    );
  });

  it('refuses a Timestamp that is not a date and a sleep over 7 days', async () => {
    await expect(sleepAction(context({ Timestamp: 'tomorrow' }).ctx)).rejects.toThrow(
      new DocumentError("aws:sleep Timestamp 'tomorrow' is not ISO 8601"),
    );
    await expect(sleepAction(context({ Duration: 'P8D' }).ctx)).rejects.toThrow(
      new DocumentError('aws:sleep of 691200 s exceeds the 7-day maximum'),
    );
  });

  it('does not sleep in a dry run, and a past Timestamp is no wait', async () => {
    expect(await sleepAction(context({ Duration: 'P6D' }, { dryRun: true }).ctx)).toEqual({});
    expect(await sleepAction(context({ Timestamp: '2000-01-01T00:00:00Z' }).ctx)).toEqual({});
  });
});

describe('Runner: aws:branch', () => {
  const run = (Choices: unknown, Default?: string) =>
    branch(context(Default === undefined ? { Choices } : { Choices, Default }).ctx);

  it.each([
    [{ Variable: 'ABC', EqualsIgnoreCase: 'abc', NextStep: 'Yes' }, 'Yes'],
    [{ Variable: 'glue-job', StartsWith: 'glue', NextStep: 'Yes' }, 'Yes'],
    [{ Variable: 'glue-job', EndsWith: 'job', NextStep: 'Yes' }, 'Yes'],
    [{ Variable: 'glue-job', Contains: 'e-j', NextStep: 'Yes' }, 'Yes'],
    [{ Variable: ['a', 'b'], Contains: 'b', NextStep: 'Yes' }, 'Yes'],
    [{ Variable: ['a', 'bc'], Contains: 'b', NextStep: 'Yes' }, 'No'],
    [{ Variable: 3, StringEquals: '3', NextStep: 'Yes' }, 'Yes'],
    [{ Variable: '3', NumericEquals: 3, NextStep: 'Yes' }, 'Yes'],
    [{ Variable: 4, NumericGreater: 3, NextStep: 'Yes' }, 'Yes'],
    [{ Variable: 3, NumericLesser: 3, NextStep: 'Yes' }, 'No'],
    [{ Variable: 3, NumericGreaterOrEquals: 3, NextStep: 'Yes' }, 'Yes'],
    [{ Variable: 3, NumericLesserOrEquals: 2, NextStep: 'Yes' }, 'No'],
    [{ Variable: 'TRUE', BooleanEquals: true, NextStep: 'Yes' }, 'Yes'],
    [
      {
        And: [
          { Variable: 'a', StringEquals: 'a' },
          { Variable: 'b', StringEquals: 'c' },
        ],
        NextStep: 'Yes',
      },
      'No',
    ],
    [
      {
        Or: [
          { Variable: 'a', StringEquals: 'x' },
          { Variable: 'b', StringEquals: 'b' },
        ],
        NextStep: 'Yes',
      },
      'Yes',
    ],
    [{ Not: { Variable: 'a', StringEquals: 'a' }, NextStep: 'Yes' }, 'No'],
  ])('%j goes to %s', async (choice, next) => {
    expect(await run([choice], 'No')).toEqual({ nextStep: next });
  });

  it('with no true choice and no Default, goes on in order', async () => {
    expect(await run([{ Variable: 'a', StringEquals: 'b', NextStep: 'Yes' }])).toEqual({});
  });

  it.each([
    [
      { Variable: 'x', NumericEquals: 1, NextStep: 'Yes' },
      new DocumentError("NumericEquals: 'x' is not a number"),
    ],
    [
      { Variable: true, NumericGreater: 1, NextStep: 'Yes' },
      new DocumentError("NumericGreater: 'true' is not a number"),
    ],
    [
      { Variable: 'a', NextStep: 'Yes' },
      new DocumentError(
        'aws:branch choice needs a Variable and one operator: {"Variable":"a","NextStep":"Yes"}',
      ),
    ],
    [
      { StringEquals: 'a', NextStep: 'Yes' },
      new DocumentError(
        'aws:branch choice needs a Variable and one operator: {"StringEquals":"a","NextStep":"Yes"}',
      ),
    ],
    [
      { Variable: 'a', Matches: 'a', NextStep: 'Yes' },
      new UnsupportedFeatureError("aws:branch operator 'Matches' is not supported"),
    ],
  ])('refuses %j', async (choice, error) => {
    await expect(run([choice], 'No')).rejects.toThrow(error);
  });

  it('refuses Choices that are not a list', async () => {
    await expect(run({ Variable: 'a' })).rejects.toThrow(
      new DocumentError("Step 'Choose': Choices must be a list"),
    );
  });

  it('a dry run follows Default when a choice depends on an earlier step, and says so', async () => {
    // Prepare
    const { ctx, logs } = context(
      { Choices: [{ Variable: '{{ Read.State }}', StringEquals: 'on', NextStep: 'Yes' }], Default: 'Later' },
      { dryRun: true },
    );
    // Act / Assess
    expect(await branch(ctx)).toEqual({ nextStep: 'Later' });
    expect(logs).toEqual(['dry run: Choose depends on values not known without running; following Default']);
  });
});
