import { describe, expect, it } from 'vitest';
import { InvalidParameterValueError } from '../../functions/runtime/errors';
import { bool, int, list, parseParameters, str } from '../../functions/runtime/parameters';

const specs = {
  allowSseS3: bool(false, 'Accept SSE-S3'),
  kmsKeyArns: list('Approved keys', { pattern: /^arn:aws:kms:/, itemName: 'KMS key ARN' }),
  minimumGlueVersion: str('Minimum version', { default: '3.0', pattern: /^\d+\.\d+$/ }),
  maxAgeDays: int(90, 'Maximum age', { min: 1, max: 365 }),
};

describe('parseParameters', () => {
  it('applies defaults when ruleParameters is absent, empty or {}', () => {
    // Prepare
    const expected = { allowSseS3: false, kmsKeyArns: [], minimumGlueVersion: '3.0', maxAgeDays: 90 };
    // Act / Assess
    expect(parseParameters(specs, undefined)).toEqual(expected);
    expect(parseParameters(specs, '')).toEqual(expected);
    expect(parseParameters(specs, '{}')).toEqual(expected);
  });

  it('parses the strings Config passes into typed values', () => {
    // Act
    const p = parseParameters(
      specs,
      JSON.stringify({
        allowSseS3: 'TRUE',
        kmsKeyArns: ' arn:aws:kms:us-east-1:123456789012:key/a , ,arn:aws:kms:us-east-1:123456789012:key/b',
        minimumGlueVersion: '4.0',
        maxAgeDays: '30',
      }),
    );
    // Assess
    expect(p).toEqual({
      allowSseS3: true,
      kmsKeyArns: ['arn:aws:kms:us-east-1:123456789012:key/a', 'arn:aws:kms:us-east-1:123456789012:key/b'],
      minimumGlueVersion: '4.0',
      maxAgeDays: 30,
    });
  });

  it.each([
    ['{"allowSseS3":"yes"}', 'allowSseS3', 'expected true or false'],
    ['{"kmsKeyArns":"alias/mine"}', 'kmsKeyArns', '"alias/mine" is not a valid KMS key ARN'],
    ['{"minimumGlueVersion":"four"}', 'minimumGlueVersion', 'does not match'],
    ['{"maxAgeDays":"0"}', 'maxAgeDays', 'must be at least 1'],
    ['{"maxAgeDays":"12.5"}', 'maxAgeDays', 'expected an integer'],
    ['{"allowSSES3":"true"}', 'allowSSES3', 'is not a parameter of this rule'],
    ['{not json', 'ruleParameters', 'is not valid JSON'],
    ['["a"]', 'ruleParameters', 'must be a JSON object'],
    ['{"kmsKeyArns":{"a":1}}', 'kmsKeyArns', 'must be a string'],
  ])('rejects %s naming %s', (raw, parameter, message) => {
    // Act
    const act = (): unknown => parseParameters(specs, raw);
    // Assess
    expect(act).toThrow(InvalidParameterValueError);
    expect(act).toThrow(`'${parameter}'`);
    expect(act).toThrow(message);
  });

  it('reports a missing required parameter by name', () => {
    // Prepare
    const required = { vpcIds: list('VPCs', { required: true }), topic: str('Topic', { required: true }) };
    // Act / Assess
    expect(() => parseParameters(required, '{"topic":"t"}')).toThrow(
      "Invalid rule parameter 'vpcIds': is required",
    );
    expect(() => parseParameters(required, '{"vpcIds":"vpc-1"}')).toThrow("'topic': is required");
  });
});
