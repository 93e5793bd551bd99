import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { fakeAccountRule } from '../../bench/support/fake-rules';
import { createInbox } from '../../cli/demo/inbox';
import { mintResultToken } from '../../emulator/config-service';
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
