import { describe, expect, it } from 'vitest';
import { policyFromConfigurationItem } from '../../functions/lookups/iam';
import type { ConfigurationItem } from '../../functions/runtime/types';

const DOCUMENT = '%7B%22Version%22%3A%222012-10-17%22%7D';

function item(fields: Partial<ConfigurationItem>): ConfigurationItem {
  return {
    configurationItemStatus: 'OK',
    configurationItemCaptureTime: '2026-01-01T00:00:00.000Z',
    resourceType: 'AWS::IAM::Policy',
    resourceId: 'ANPAEXAMPLE',
    configuration: {},
    ...fields,
  };
}

describe('AWS::IAM::Policy configuration items as policies', () => {
  it('takes the default version of a recorded policy and its fields', () => {
    // Prepare
    const recorded = item({
      resourceName: 'recorded-name',
      ARN: 'arn:aws:iam::111122223333:policy/item-arn',
      tags: { owner: 'data' },
      configuration: {
        policyId: 'ANPAPOLICY',
        policyName: 'glue-etl',
        arn: 'arn:aws:iam::111122223333:policy/glue-etl',
        policyVersionList: [
          { document: 'old', isDefaultVersion: false },
          { document: DOCUMENT, isDefaultVersion: true },
        ],
      },
    });
    // Act / Assess
    expect(policyFromConfigurationItem(recorded)).toEqual({
      resourceType: 'AWS::IAM::Policy',
      resourceId: 'ANPAEXAMPLE',
      configuration: {
        policyId: 'ANPAPOLICY',
        policyName: 'glue-etl',
        arn: 'arn:aws:iam::111122223333:policy/glue-etl',
        document: DOCUMENT,
      },
      tags: { owner: 'data' },
    });
  });

  it('falls back to the item fields, and has no document without a default version', () => {
    // Act
    const named = policyFromConfigurationItem(
      item({ resourceName: 'recorded-name', ARN: 'arn:aws:iam::111122223333:policy/recorded-name' }),
    );
    const bare = policyFromConfigurationItem(
      item({ configuration: { policyVersionList: [{ document: 'x', isDefaultVersion: false }] } }),
    );
    // Assess
    expect(named.configuration).toEqual({
      policyId: 'ANPAEXAMPLE',
      policyName: 'recorded-name',
      arn: 'arn:aws:iam::111122223333:policy/recorded-name',
      document: undefined,
    });
    expect(bare.configuration).toEqual({
      policyId: 'ANPAEXAMPLE',
      policyName: 'ANPAEXAMPLE',
      arn: '',
      document: undefined,
    });
    expect(bare.tags).toEqual({});
  });

  it.each([
    [[DOCUMENT], DOCUMENT],
    [[{ Version: '2012-10-17' }], { Version: '2012-10-17' }],
    [{ Version: '2012-10-17' }, { Version: '2012-10-17' }],
    [42, undefined],
    [null, undefined],
    [[], undefined],
  ])('reads a recorded document %j as %j', (document, expected) => {
    // Act
    const policy = policyFromConfigurationItem(
      item({ configuration: { policyVersionList: [{ document, isDefaultVersion: true }] } }),
    );
    // Assess
    expect(policy.configuration.document).toEqual(expected);
  });
});
