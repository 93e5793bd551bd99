import {
  GetDataCatalogEncryptionSettingsCommand,
  PutDataCatalogEncryptionSettingsCommand,
} from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { mintResultToken } from '../../../emulator/config-service';
import { rule as passwordsRule } from '../../../functions/rules/glue-catalog-connection-passwords-encrypted';
import { rule as metadataRule } from '../../../functions/rules/glue-catalog-metadata-encrypted';
import { runnerParameters } from '../../../remediation/mapping';
import { useEmulator } from '../../emulator/context';
import { scheduledEvent } from '../../support/config-events';
import { evaluateRule, expectTwoResults, outcomeOf, ROLE_ARN, resultInbox, runDocument } from './support/e2e';
import { createKey, glue } from './support/seed';

const emulator = useEmulator();

async function settings() {
  const out = await glue(emulator).send(new GetDataCatalogEncryptionSettingsCommand({}));
  return out.DataCatalogEncryptionSettings;
}

describe('Document: EnableGlueCatalogEncryption', () => {
  it('encrypts a drifted catalog, keeps the other block, satisfies both rules, then reports no change', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    const key = await createKey(emulator);
    const passwordKey = await createKey(emulator);
    await glue(emulator).send(
      new PutDataCatalogEncryptionSettingsCommand({
        DataCatalogEncryptionSettings: {
          EncryptionAtRest: { CatalogEncryptionMode: 'DISABLED' },
          ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: passwordKey },
        },
      }),
    );
    expect((await evaluateRule(emulator, metadataRule))[0]?.ComplianceType).toBe('NON_COMPLIANT');
    const parameters = { CatalogId: emulator.accountId, KmsKeyId: key };

    // Act
    const first = await runDocument(emulator, 'EnableGlueCatalogEncryption', inbox, parameters);
    const afterFirst = await settings();
    const metadata = await evaluateRule(emulator, metadataRule);
    const passwords = await evaluateRule(emulator, passwordsRule);
    const second = await runDocument(emulator, 'EnableGlueCatalogEncryption', inbox, parameters);

    // Assess
    expect(first.AutomationExecutionStatus).toBe('Success');
    expect(outcomeOf(first)).toBe('REMEDIATED');
    expect(afterFirst).toEqual({
      EncryptionAtRest: { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: key },
      ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: passwordKey },
    });
    expect(metadata.map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual([
      [emulator.accountId, 'COMPLIANT'],
    ]);
    expect(passwords.map((e) => e.ComplianceType)).toEqual(['COMPLIANT']);
    expect(second.AutomationExecutionStatus).toBe('Success');
    expect(outcomeOf(second)).toBe('NO_CHANGE');
    expect(await settings()).toEqual(afterFirst);
    const [result] = await expectTwoResults(inbox, {
      rule: 'glue-catalog-metadata-encrypted',
      resourceType: 'AWS::::Account',
      document: 'EnableGlueCatalogEncryption',
      resource: emulator.accountId,
    });
    expect(result.executionId).toBe(first.AutomationExecutionId);
    expect(result.changes).toEqual([
      { field: 'EncryptionAtRest.CatalogEncryptionMode', before: 'DISABLED', after: 'SSE-KMS' },
      { field: 'EncryptionAtRest.SseAwsKmsKeyId', before: null, after: key },
    ]);
  });

  it('publishes FAILED and ends Failed when the key is not usable', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    const missingKey = 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-000000000000';

    // Act
    const run = await runDocument(emulator, 'EnableGlueCatalogEncryption', inbox, {
      CatalogId: emulator.accountId,
      KmsKeyId: missingKey,
    });

    // Assess
    expect(run.AutomationExecutionStatus).toBe('Failed');
    expect(run.StepExecutions.map((s) => [s.StepName, s.StepStatus])).toEqual([
      ['Remediate', 'Failed'],
      ['PublishFailure', 'Success'],
    ]);
    const [notification] = await inbox.drain();
    expect(notification?.attributes).toEqual({
      rule: 'glue-catalog-metadata-encrypted',
      resourceType: 'AWS::::Account',
      outcome: 'FAILED',
    });
    expect(JSON.parse(notification?.message ?? '{}')).toMatchObject({
      document: 'EnableGlueCatalogEncryption',
      executionId: run.AutomationExecutionId,
      resource: emulator.accountId,
      outcome: 'FAILED',
      changes: [],
    });
    expect((await settings())?.EncryptionAtRest?.CatalogEncryptionMode).toBe('DISABLED');
  });

  it('judges keys as the rule does: fails on an unapproved key unless asked to replace it, never NO_CHANGE', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    const [key, approved, unapproved] = await Promise.all([1, 2, 3].map(() => createKey(emulator)));
    await glue(emulator).send(
      new PutDataCatalogEncryptionSettingsCommand({
        DataCatalogEncryptionSettings: {
          EncryptionAtRest: { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: unapproved },
          ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: approved },
        },
      }),
    );
    const ruleParameters = { kmsKeyArns: `${key},${approved}` };
    const evaluate = () =>
      evaluateRule(
        emulator,
        metadataRule,
        scheduledEvent({
          configRuleName: metadataRule.id,
          resultToken: mintResultToken(metadataRule.id),
          ruleParameters,
        }),
      );
    const before = await settings();
    const parameters = runnerParameters(metadataRule, {
      resourceId: emulator.accountId,
      staticParameters: { KmsKeyId: key!, NotificationTopicArn: inbox.topicArn },
      assumeRoleArn: ROLE_ARN,
      ruleParameters,
    });

    // Act
    const judgedBefore = await evaluate();
    const declined = await runDocument(emulator, 'EnableGlueCatalogEncryption', inbox, {
      ...parameters,
      ReplaceExistingKey: 'false',
    });
    const afterDeclined = await settings();
    const replaced = await runDocument(emulator, 'EnableGlueCatalogEncryption', inbox, {
      ...parameters,
      ReplaceExistingKey: true,
    });
    const judgedAfter = await evaluate();

    // Assess
    expect(parameters).toMatchObject({ Blocks: 'ENCRYPTION_AT_REST', ApprovedKmsKeyArns: [key, approved] });
    expect(judgedBefore.map((e) => e.ComplianceType)).toEqual(['NON_COMPLIANT']);
    expect(declined.AutomationExecutionStatus).toBe('Failed');
    expect(declined.StepExecutions[0]?.FailureMessage).toContain(
      `EncryptionAtRest is encrypted with ${unapproved}, which is not in ApprovedKmsKeyArns`,
    );
    expect(afterDeclined).toEqual(before);
    expect(outcomeOf(replaced)).toBe('REMEDIATED');
    expect(await settings()).toEqual({
      EncryptionAtRest: { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: key },
      ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: approved },
    });
    expect(judgedAfter.map((e) => e.ComplianceType)).toEqual(['COMPLIANT']);
    expect((await inbox.drain()).map((n) => n.attributes.outcome)).toEqual(['FAILED', 'REMEDIATED']);
  });

  it('run for the password rule, encrypts passwords only and leaves metadata as it was', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    const key = await createKey(emulator);
    const parameters = runnerParameters(passwordsRule, {
      resourceId: emulator.accountId,
      staticParameters: { KmsKeyId: key, NotificationTopicArn: inbox.topicArn },
      assumeRoleArn: ROLE_ARN,
    });

    // Act
    const run = await runDocument(emulator, 'EnableGlueCatalogEncryption', inbox, parameters);

    // Assess
    expect(outcomeOf(run)).toBe('REMEDIATED');
    expect(await settings()).toEqual({
      EncryptionAtRest: { CatalogEncryptionMode: 'DISABLED' },
      ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: key },
    });
    expect((await evaluateRule(emulator, passwordsRule)).map((e) => e.ComplianceType)).toEqual(['COMPLIANT']);
    expect((await evaluateRule(emulator, metadataRule)).map((e) => e.ComplianceType)).toEqual([
      'NON_COMPLIANT',
    ]);
  });
});
