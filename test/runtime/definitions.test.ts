import { afterEach, describe, expect, it } from 'vitest';
import { createAwsContext } from '../../functions/runtime/aws';
import { InvalidParameterValueError } from '../../functions/runtime/errors';
import { type AnyRuleMeta, checkRuleMeta } from '../../functions/runtime/meta';
import { int, parseParameters } from '../../functions/runtime/parameters';

describe('checkRuleMeta', () => {
  const meta = (fields: Record<string, unknown>) =>
    ({
      id: 'glue-job-tagged',
      scope: 'resource',
      resourceTypes: ['AWS::Glue::Job'],
      ...fields,
    }) as never as AnyRuleMeta;

  it.each([
    [{ id: 'GlueJobTagged' }, "Rule id 'GlueJobTagged' is not kebab-case"],
    [{ id: 'glue' }, "Rule id 'glue' is not kebab-case"],
    [{ id: 'glue--job' }, "Rule id 'glue--job' is not kebab-case"],
    [{ resourceTypes: [] }, "Rule 'glue-job-tagged' has neither change triggers nor a periodic frequency"],
  ])('refuses %j', (fields, message) => {
    expect(() => checkRuleMeta(meta(fields))).toThrow(new Error(message));
  });

  it.each([
    [{}],
    [{ resourceTypes: [], periodic: 'TwentyFour_Hours' }],
    [{ scope: 'account', resourceTypes: undefined, periodic: 'TwentyFour_Hours' }],
  ])('accepts %j', (fields) => {
    expect(() => checkRuleMeta(meta(fields))).not.toThrow();
  });
});

describe('int rule parameters', () => {
  const specs = { days: int(90, 'Days', { min: 1, max: 365 }) };

  it.each([
    ['{}', 90],
    ['{"days":"1"}', 1],
    ['{"days":" 365 "}', 365],
  ])('%s -> %d', (raw, days) => {
    expect(parseParameters(specs, raw)).toEqual({ days });
  });

  it.each([
    ['{"days":"0"}', "Invalid rule parameter 'days': must be at least 1, got 0"],
    ['{"days":"366"}', "Invalid rule parameter 'days': must be at most 365, got 366"],
    ['{"days":"1.5"}', 'Invalid rule parameter \'days\': expected an integer, got "1.5"'],
  ])('%s is refused', (raw, message) => {
    expect(() => parseParameters(specs, raw)).toThrow(InvalidParameterValueError);
    expect(() => parseParameters(specs, raw)).toThrow(message);
  });
});

describe('createAwsContext region', () => {
  const saved = { region: process.env.AWS_REGION, fallback: process.env.AWS_DEFAULT_REGION };
  afterEach(() => {
    for (const [key, value] of [
      ['AWS_REGION', saved.region],
      ['AWS_DEFAULT_REGION', saved.fallback],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('takes the option first, then AWS_REGION, then AWS_DEFAULT_REGION, and refuses none', () => {
    process.env.AWS_REGION = 'eu-west-1';
    process.env.AWS_DEFAULT_REGION = 'eu-central-1';
    expect(createAwsContext({ region: 'us-west-2' }).config.region).toBe('us-west-2');
    expect(createAwsContext().config.region).toBe('eu-west-1');
    delete process.env.AWS_REGION;
    expect(createAwsContext().config.region).toBe('eu-central-1');
    delete process.env.AWS_DEFAULT_REGION;
    expect(() => createAwsContext()).toThrow(new Error('No AWS region: set AWS_REGION or pass --region'));
  });

  it('drops settings given as undefined instead of passing them to the clients', () => {
    const config = createAwsContext({ region: 'us-east-1', profile: undefined }).config;
    expect('profile' in config).toBe(false);
    expect(createAwsContext({ region: 'us-east-1', profile: 'audit' }).config.profile).toBe('audit');
  });
});
