// Fixtures for the notifier's tests (issue 11). Rule metadata as plain objects, not the catalog,
// so the literal texts the tests expect do not move with rule wording.
import type { AutomationStatusEvent } from '../../functions/notify/types';
import type { AnyRuleMeta } from '../../functions/runtime/meta';

export const jobRule = {
  id: 'glue-job-thing-enabled',
  description: 'Jobs have the thing.',
  control: 'Data protection: things',
  severity: 'LOW',
  scope: 'resource',
  resourceType: 'AWS::Glue::Job',
  resourceTypes: ['AWS::Glue::Job'],
  parameters: {},
  iam: [],
  remediation: { document: 'FixThings', automatic: false, resourceIdParameter: 'JobName' },
} as unknown as AnyRuleMeta;
export const accountRule = {
  id: 'glue-account-thing-enabled',
  description: 'The account has the thing.',
  control: 'Governance: things',
  severity: 'CRITICAL',
  scope: 'account',
  periodic: 'TwentyFour_Hours',
  parameters: {},
  iam: [],
  remediation: { document: 'FixThings', automatic: false, resourceIdParameter: 'AccountId' },
} as unknown as AnyRuleMeta;
export const crawlerRule = {
  id: 'glue-crawler-thing-enabled',
  description: 'Crawlers have the thing.',
  control: 'Data protection: crawlers',
  severity: 'MEDIUM',
  scope: 'resource',
  resourceType: 'AWS::Glue::Crawler',
  resourceTypes: ['AWS::Glue::Crawler'],
  parameters: {},
  iam: [],
} as unknown as AnyRuleMeta;

/** An SSM automation status-change event for execution `exec-1`, with `detail` over its ids. */
export function automationEvent(
  detail: Partial<AutomationStatusEvent['detail']> = {},
): AutomationStatusEvent {
  return {
    version: '0',
    id: 'evt-2',
    'detail-type': 'EC2 Automation Execution Status-change Notification',
    source: 'aws.ssm',
    account: '111122223333',
    time: '2026-11-27T09:21:07Z',
    region: 'eu-west-1',
    resources: [],
    detail: { ExecutionId: 'exec-1', Definition: 'FixThings', Status: 'Success', ...detail },
  };
}
