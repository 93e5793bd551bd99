import { Logger } from '@aws-lambda-powertools/logger';
import { expect } from 'vitest';
import { createInbox, type Inbox, type ReceivedNotification } from '../../../../cli/demo/inbox';
import {
  mintResultToken,
  readStoredEvaluations,
  type StoredEvaluation,
} from '../../../../emulator/config-service';
import { toHandler } from '../../../../functions/runtime/handler';
import type { AnyRule } from '../../../../functions/runtime/rule';
import type { ConfigRuleEvent } from '../../../../functions/runtime/types';
import { type AutomationExecution, runAutomation } from '../../../../remediation/index';
import type { EmulatorHandle } from '../../../emulator/context';
import { emulatorAws } from '../../../support/aws';
import { changeEvent, glueJobItem, scheduledEvent } from '../../../support/config-events';
import type { RemediationResult } from './handler';

export const ROLE_ARN = 'arn:aws:iam::123456789012:role/GlueGuardrailsRemediation';

/** An SNS topic for the documents' results, read through an SQS subscription. */
export async function resultInbox(emulator: EmulatorHandle): Promise<Inbox> {
  return createInbox(emulatorAws(emulator), 'remediation-results');
}

/** Runs a document with the local runner against the emulator. */
export async function runDocument(
  emulator: EmulatorHandle,
  name: string,
  inbox: Inbox,
  parameters: Record<string, string | string[] | boolean>,
): Promise<AutomationExecution> {
  const { region, endpoint, credentials } = emulator.clientConfig;
  return runAutomation(name, {
    parameters: { AutomationAssumeRole: ROLE_ARN, NotificationTopicArn: inbox.topicArn, ...parameters },
    aws: { region, endpoint, credentials },
    accountId: emulator.accountId,
  });
}

/** The document's Remediate.Outcome output. */
export function outcomeOf(execution: AutomationExecution): string | undefined {
  return execution.Outputs['Remediate.Outcome']?.[0];
}

/** Runs the rule's Lambda handler as Config would, and returns what it stored. */
export async function evaluateRule(
  emulator: EmulatorHandle,
  rule: AnyRule,
  event: ConfigRuleEvent = scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
): Promise<StoredEvaluation[]> {
  await toHandler(rule, { aws: emulatorAws(emulator), logger: new Logger({ logLevel: 'SILENT' }) })(event);
  return readStoredEvaluations(emulator.endpoint, rule.id);
}

/** The two results (first run, second run) with their attributes, both parsed. */
export async function expectTwoResults(
  inbox: Inbox,
  expected: { rule: string; resourceType: string; document: string; resource: string },
): Promise<[RemediationResult, RemediationResult]> {
  const received: ReceivedNotification[] = await inbox.drain();
  expect(received.map((n) => n.attributes)).toEqual([
    { rule: expected.rule, resourceType: expected.resourceType, outcome: 'REMEDIATED' },
    { rule: expected.rule, resourceType: expected.resourceType, outcome: 'NO_CHANGE' },
  ]);
  const [first, second] = received.map((n) => JSON.parse(n.message) as RemediationResult) as [
    RemediationResult,
    RemediationResult,
  ];
  for (const body of [first, second]) {
    expect(body).toMatchObject({
      document: expected.document,
      accountId: '123456789012',
      region: 'us-east-1',
      resource: expected.resource,
    });
  }
  expect(first.outcome).toBe('REMEDIATED');
  expect(second).toMatchObject({ outcome: 'NO_CHANGE', changes: [] });
  return [first, second];
}

/** A configuration change notification for the job as GetJob returns it now (Config's PascalCase item). */
export function jobChangeEvent(rule: AnyRule, job: object): ConfigRuleEvent {
  const configuration = JSON.parse(JSON.stringify(job)) as Record<string, unknown>;
  return changeEvent(glueJobItem(configuration), {
    configRuleName: rule.id,
    resultToken: mintResultToken(rule.id),
  });
}
