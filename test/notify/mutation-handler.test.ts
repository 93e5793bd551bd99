import type { Logger } from '@aws-lambda-powertools/logger';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNotifier, type NotifierDeps } from '../../functions/notify/handler';
import type { EventBridgeEnvelope } from '../../functions/notify/types';
import { stubSend, testAws } from '../support/stub-send';
import { automationEvent, jobRule } from './fixtures';

/** A notifier for `jobRule` over a test context; `deps` adds the topic and prefix a test needs. */
function notifier(logger: Logger, deps: Partial<NotifierDeps> = {}) {
  return createNotifier({ aws: testAws(), rules: [jobRule], logger, ...deps });
}

function fakeLogger() {
  const warn = vi.fn();
  const info = vi.fn();
  return { logger: { warn, info } as unknown as Logger, warn, info };
}

const automation: EventBridgeEnvelope<unknown> = automationEvent({
  Definition: 'FixThings',
  Status: 'Success',
});

const compliance: EventBridgeEnvelope<unknown> = {
  ...automation,
  id: 'evt-1',
  'detail-type': 'Config Rules Compliance Change',
  source: 'aws.config',
  detail: {
    configRuleName: 'gg-glue-job-thing-enabled',
    resourceId: 'nightly',
    resourceType: 'AWS::Glue::Job',
    newEvaluationResult: { complianceType: 'NON_COMPLIANT' },
  },
};

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('createNotifier with stubbed SNS and SSM', () => {
  it('reads the execution by its id and alerts with its allow-listed parameters, then logs the publish', async () => {
    // Prepare
    const ssm = stubSend(SSMClient, () => ({
      AutomationExecution: { Parameters: { JobName: ['nightly'], Secret: ['s3cr3t'] } },
    }));
    const sns = stubSend(SNSClient, () => ({ MessageId: 'msg-1' }));
    const { logger, warn, info } = fakeLogger();
    const notify = notifier(logger, { topicArn: 'arn:topic', namePrefix: '' });
    // Act
    const result = await notify(automation);
    // Assess
    expect(ssm.map((c) => [c.command, c.input])).toEqual([
      ['GetAutomationExecution', { AutomationExecutionId: 'exec-1' }],
    ]);
    expect(result.messageId).toBe('msg-1');
    expect(result.alert?.subject).toBe('[Remediation Success] FixThings nightly');
    expect(sns[0]?.input.TopicArn).toBe('arn:topic');
    expect(warn).not.toHaveBeenCalled();
    expect(info.mock.calls).toEqual([
      [
        'Alert published',
        {
          messageId: 'msg-1',
          rule: 'glue-job-thing-enabled',
          compliance: 'Success',
          resourceType: 'AWS::Glue::Job',
          accountId: '111122223333',
          region: 'eu-west-1',
          severity: 'LOW',
        },
      ],
    ]);
  });

  it('an execution answered without details is no failure (no warning, no resource)', async () => {
    stubSend(SSMClient, () => ({}));
    stubSend(SNSClient, () => ({ MessageId: 'msg-2' }));
    const { logger, warn } = fakeLogger();
    const notify = notifier(logger, { topicArn: 'arn:topic', namePrefix: '' });
    const result = await notify(automation);
    expect(result.alert?.subject).toBe('[Remediation Success] FixThings');
    expect(warn).not.toHaveBeenCalled();
  });

  it('warns with the execution id and reason when the execution cannot be read, and still alerts', async () => {
    stubSend(SSMClient, () => {
      throw Object.assign(new Error('no such execution'), { name: 'AutomationExecutionNotFoundException' });
    });
    stubSend(SNSClient, () => ({ MessageId: 'msg-3' }));
    const { logger, warn } = fakeLogger();
    const notify = notifier(logger, { topicArn: 'arn:topic', namePrefix: '' });
    const result = await notify(automation);
    expect(result.messageId).toBe('msg-3');
    expect(warn.mock.calls).toEqual([
      [
        'Could not read the automation execution; alerting without its parameters',
        { executionId: 'exec-1', error: 'no such execution' },
      ],
    ]);
  });

  it('logs and ignores other events, publishing nothing', async () => {
    const sns = stubSend(SNSClient, () => ({ MessageId: 'never' }));
    const { logger, warn, info } = fakeLogger();
    const notify = notifier(logger, { topicArn: 'arn:topic' });
    const result = await notify({ ...automation, 'detail-type': 'Something Else' });
    expect(result).toEqual({});
    expect(sns).toHaveLength(0);
    expect(info).not.toHaveBeenCalled();
    expect(warn.mock.calls).toEqual([
      ['Ignoring an event this notifier does not handle', { detailType: 'Something Else' }],
    ]);
  });

  it('fails before publishing when no topic is configured', async () => {
    vi.stubEnv('ALERT_TOPIC_ARN', '');
    const sns = stubSend(SNSClient, () => ({ MessageId: 'never' }));
    const { logger } = fakeLogger();
    const notify = notifier(logger);
    await expect(notify(compliance)).rejects.toThrow('ALERT_TOPIC_ARN is not set');
    expect(sns).toHaveLength(0);
  });

  it('takes topic and name prefix from the environment', async () => {
    vi.stubEnv('ALERT_TOPIC_ARN', 'arn:env-topic');
    vi.stubEnv('RULE_NAME_PREFIX', 'gg-');
    const sns = stubSend(SNSClient, () => ({ MessageId: 'msg-4' }));
    const { logger } = fakeLogger();
    const notify = notifier(logger);
    const result = await notify(compliance);
    expect(sns[0]?.input.TopicArn).toBe('arn:env-topic');
    expect(result.alert?.attributes.severity).toBe('LOW');
  });

  it('without a configured prefix, names linked rules by their bare ids', async () => {
    vi.stubEnv('RULE_NAME_PREFIX', undefined);
    stubSend(SSMClient, () => ({}));
    stubSend(SNSClient, () => ({ MessageId: 'msg-5' }));
    const { logger } = fakeLogger();
    const notify = notifier(logger, { topicArn: 'arn:topic' });
    const result = await notify(automation);
    expect(result.alert?.attributes.rule).toBe('glue-job-thing-enabled');
  });
});
