import type { AdvancedEventSelector, EventSelector, Trail } from '@aws-sdk/client-cloudtrail';
import { describe, expect, it } from 'vitest';
import { advancedCoverage, classicCoverage, rule } from '../../functions/rules/glue-audit-trail-enabled';
import { evaluateAccount } from '../support/rule-context';

// Literal coverage tables for the selector readers of glue-audit-trail-enabled and the order in
// which trails are judged (issue 11: survivors of the mutation run).

const NONE = { read: false, write: false };
const BOTH = { read: true, write: true };
const READS = { read: true, write: false };
const WRITES = { read: false, write: true };

const GLUE = 'glue.amazonaws.com';
const mgmt = { Field: 'eventCategory', Equals: ['Management'] };

describe('glue-audit-trail-enabled: classic selectors', () => {
  it.each<[string, EventSelector[], typeof NONE]>([
    ['no selector', [], NONE],
    ['a selector without ReadWriteType (defaults to All)', [{}], BOTH],
    ['ReadOnly', [{ ReadWriteType: 'ReadOnly' }], READS],
    ['WriteOnly', [{ ReadWriteType: 'WriteOnly' }], WRITES],
    ['management events left out', [{ ReadWriteType: 'All', IncludeManagementEvents: false }], NONE],
  ])('%s', (_, selectors, expected) => {
    expect(classicCoverage(selectors)).toEqual(expected);
  });
});

describe('glue-audit-trail-enabled: advanced selectors', () => {
  it.each<[string, AdvancedEventSelector['FieldSelectors'], typeof NONE]>([
    ['management, nothing else', [mgmt], BOTH],
    ['no eventCategory field', [{ Field: 'eventSource', Equals: [GLUE] }], NONE],
    ['eventCategory Data', [{ Field: 'eventCategory', Equals: ['Data'] }], NONE],
    ['eventCategory given by NotEquals only', [{ Field: 'eventCategory', NotEquals: ['Data'] }], NONE],
    [
      'two eventCategory fields, one of them Management',
      [{ Field: 'eventCategory', Equals: ['Data'] }, mgmt],
      BOTH,
    ],
    ['eventSource Equals Glue', [mgmt, { Field: 'eventSource', Equals: [GLUE] }], BOTH],
    ['eventSource Equals S3 only', [mgmt, { Field: 'eventSource', Equals: ['s3.amazonaws.com'] }], NONE],
    ['eventSource NotEquals Glue', [mgmt, { Field: 'eventSource', NotEquals: [GLUE] }], NONE],
    ['eventSource NotEquals S3', [mgmt, { Field: 'eventSource', NotEquals: ['s3.amazonaws.com'] }], BOTH],
    ['readOnly Equals true', [mgmt, { Field: 'readOnly', Equals: ['true'] }], READS],
    ['readOnly Equals false', [mgmt, { Field: 'readOnly', Equals: ['false'] }], WRITES],
    ['readOnly NotEquals true', [mgmt, { Field: 'readOnly', NotEquals: ['true'] }], WRITES],
    ['readOnly NotEquals false', [mgmt, { Field: 'readOnly', NotEquals: ['false'] }], READS],
  ])('%s', (_, fields, expected) => {
    expect(advancedCoverage([{ Name: 's', FieldSelectors: fields }])).toEqual(expected);
  });

  it('covers nothing without a selector, or with a selector without fields', () => {
    expect(advancedCoverage([])).toEqual(NONE);
    expect(advancedCoverage([{ Name: 'empty' } as AdvancedEventSelector])).toEqual(NONE);
  });
});

const arn = (name: string) => `arn:aws:cloudtrail:us-east-1:123456789012:trail/${name}`;
const trail = (name: string): Trail => ({ Name: name, TrailARN: arn(name), IsMultiRegionTrail: true });

function lookups(trails: Trail[], selectors: Record<string, EventSelector[]>) {
  return {
    trails: async () => trails,
    logging: async () => true,
    selectors: async (a: string) => ({ eventSelectors: selectors[a] ?? [], advancedEventSelectors: [] }),
  };
}

describe('glue-audit-trail-enabled: trails judged in ARN order', () => {
  it('names the first qualifying trail by ARN, whatever order DescribeTrails gives', async () => {
    const all = [{ ReadWriteType: 'All' as const }];
    const v = await evaluateAccount(
      rule,
      lookups([trail('c-trail'), trail('a-trail'), trail('b-trail')], {
        [arn('a-trail')]: all,
        [arn('b-trail')]: all,
        [arn('c-trail')]: all,
      }),
    );
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'Trail a-trail is multi-region and logging read and write management events',
    });
  });

  it('lists the problems in ARN order and says which management events are missing', async () => {
    const v = await evaluateAccount(
      rule,
      lookups([trail('c-none'), trail('a-reads'), trail('b-writes')], {
        [arn('a-reads')]: [{ ReadWriteType: 'ReadOnly' }],
        [arn('b-writes')]: [{ ReadWriteType: 'WriteOnly' }],
        [arn('c-none')]: [{ IncludeManagementEvents: false }],
      }),
    );
    const offenders = [
      'a-reads (no write management events)',
      'b-writes (no read management events)',
      'c-none (no management events)',
    ];
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: `No multi-region trail logs all management events: ${offenders.join(', ')}`,
      offenders,
    });
  });
});
