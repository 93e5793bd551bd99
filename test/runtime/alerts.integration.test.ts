import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it, vi } from 'vitest';
import { fakeAccountRule } from '../../bench/support/fake-rules';
import { createInbox } from '../../cli/demo/inbox';
import { mintResultToken } from '../../emulator/config-service';
import { storedResults } from '../../functions/runtime/config-service';
import { toHandler } from '../../functions/runtime/handler';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';
import { scheduledEvent } from '../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });

describe('Runtime: offender alerts', () => {
  it('publishes the full offender list of a non-compliant account verdict with filterable attributes', async () => {
    // Prepare
    const aws = emulatorAws(emulator);
    const inbox = await createInbox(aws);
    const rule = fakeAccountRule(false);
    // Act
    await toHandler(rule, { aws, logger, alertTopicArn: inbox.topicArn })(
      scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    const [alert, ...rest] = await inbox.drain();
    expect(rest).toEqual([]);
    expect(alert?.subject).toBe('[glue-guardrails] glue-fake-account-good: 1 offender in 123456789012');
    expect(alert?.message).toContain('Offenders (1):\n  - x');
    expect(alert?.attributes).toEqual({
      kind: 'offenders',
      rule: 'glue-fake-account-good',
      compliance: 'NON_COMPLIANT',
      resourceType: 'AWS::::Account',
      accountId: '123456789012',
      region: 'us-east-1',
      severity: 'LOW',
    });
  });

  it('publishes nothing for a compliant verdict', async () => {
    // Prepare
    const aws = emulatorAws(emulator);
    const inbox = await createInbox(aws);
    const rule = fakeAccountRule(true);
    // Act
    await toHandler(rule, { aws, logger, alertTopicArn: inbox.topicArn })(
      scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    expect(await inbox.drain({ waitSeconds: 0 })).toEqual([]);
  });
});

describe('Runtime: an offender alert that cannot be published', () => {
  it('fails the invocation after the evaluation was stored, and logs the failure', async () => {
    // Prepare
    const aws = emulatorAws(emulator);
    const rule = { ...fakeAccountRule(false), id: 'glue-fake-account-unpublished' };
    const quiet = new Logger({ logLevel: 'SILENT' });
    const errors = vi.spyOn(quiet, 'error');
    const missingTopic = 'arn:aws:sns:us-east-1:123456789012:glue-guardrails-no-such-topic';
    // Act
    const act = toHandler(rule, { aws, logger: quiet, alertTopicArn: missingTopic })(
      scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    await expect(act).rejects.toMatchObject({ name: 'NotFoundException' });
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0]?.[0]).toBe('Could not publish the offender alert');
    expect(errors.mock.calls[0]?.[1]).toMatchObject({ rule: 'glue-fake-account-unpublished' });
    const stored = await storedResults(aws, rule.id);
    expect([...stored.values()].map((r) => [r.resourceType, r.resourceId, r.compliance])).toEqual([
      ['AWS::::Account', '123456789012', 'NON_COMPLIANT'],
    ]);
  });
});

describe('Runtime: offender alerts over the SNS message limit', () => {
  it('delivers 1,000 long offender names in parts instead of failing every run', async () => {
    // Prepare
    const aws = emulatorAws(emulator);
    const inbox = await createInbox(aws, 'glue-guardrails-alerts-large');
    const offenders = Array.from(
      { length: 1000 },
      (_, i) => `${String(i).padStart(4, '0')}${'n'.repeat(251)} (no SSL)`,
    );
    const rule = { ...fakeAccountRule(false), evaluate: async () => ({ ...NON_COMPLIANT, offenders }) };
    // Act
    const result = await toHandler(rule, { aws, logger, alertTopicArn: inbox.topicArn })(
      scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    const received = await inbox.drain();
    expect(received.length).toBeGreaterThan(1);
    expect(result.reported).toBe(1);
    const parts = received.sort(
      (a, b) => Number(a.attributes.part?.split('/')[0]) - Number(b.attributes.part?.split('/')[0]),
    );
    const listed = parts.flatMap((p) =>
      p.message
        .split('\n')
        .filter((l) => l.startsWith('  - '))
        .map((l) => l.slice(4)),
    );
    expect(listed).toEqual(offenders);
  });
});

const NON_COMPLIANT = { compliance: 'NON_COMPLIANT' as const, annotation: '1000 offenders' };
