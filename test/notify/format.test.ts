import { describe, expect, it } from 'vitest';
import {
  allowedExecutionParameters,
  formatAutomationStatus,
  formatComplianceChange,
  rulesForDocument,
  toSubject,
} from '../../functions/notify/format';
import type { AutomationStatusEvent, ComplianceChangeEvent } from '../../functions/notify/types';
import { rules } from '../../functions/rules/index';
import { fixture } from '../support/config-events';

const complianceEvent = (): ComplianceChangeEvent =>
  fixture<ComplianceChangeEvent>('eventbridge-config-compliance-change.json');
const automationEvent = (): AutomationStatusEvent =>
  fixture<AutomationStatusEvent>('eventbridge-ssm-automation-execution-status.json');
const ctx = { rules, namePrefix: '' };

function jsonSection(message: string): Record<string, unknown> {
  const [, json] = message.split('\n--- JSON ---\n');
  return JSON.parse(json ?? '') as Record<string, unknown>;
}

describe('Notifier: compliance changes', () => {
  it('turns a documented compliance change into subject, text, JSON and attributes', () => {
    // Prepare
    const event = complianceEvent();

    // Act
    const alert = formatComplianceChange(event, ctx);

    // Assess
    expect(alert.subject).toBe(
      '[NON_COMPLIANT] glue-job-security-configuration-encrypted: AWS::Glue::Job nightly-ledger-etl',
    );
    expect(alert.attributes).toEqual({
      rule: 'glue-job-security-configuration-encrypted',
      compliance: 'NON_COMPLIANT',
      resourceType: 'AWS::Glue::Job',
      accountId: '123456789012',
      region: 'us-east-1',
      severity: 'HIGH',
    });
    expect(alert.message).toContain(
      'is NON_COMPLIANT with glue-job-security-configuration-encrypted (was COMPLIANT).',
    );
    expect(alert.message).toContain('Annotation: Job has no security configuration');
    expect(jsonSection(alert.message)).toMatchObject({
      kind: 'ComplianceChange',
      resourceId: 'nightly-ledger-etl',
      previousCompliance: 'COMPLIANT',
      control: 'Data protection: ETL encryption at rest (security configuration)',
    });
  });

  it('finds the registry rule behind a prefixed rule name (severity)', () => {
    // Prepare
    const event = complianceEvent();
    event.detail.configRuleName = `acme-${event.detail.configRuleName}`;

    // Act
    const alert = formatComplianceChange(event, { rules, namePrefix: 'acme-' });

    // Assess
    expect(alert.attributes.rule).toBe('acme-glue-job-security-configuration-encrypted');
    expect(alert.attributes.severity).toBe('HIGH');
  });

  it('never sends an empty attribute (SNS rejects them): unknowns become UNKNOWN', () => {
    // Prepare
    const event = complianceEvent();
    event.detail.configRuleName = 'someone-elses-rule';
    delete event.detail.resourceType;
    delete event.detail.newEvaluationResult;

    // Act
    const alert = formatComplianceChange(event, ctx);

    // Assess
    expect(alert.attributes.severity).toBe('UNKNOWN');
    expect(alert.attributes.resourceType).toBe('UNKNOWN');
    expect(alert.attributes.compliance).toBe('UNKNOWN');
    expect(alert.attributes.accountId).toBe('123456789012');
  });
});

describe('Notifier: automation outcomes', () => {
  it('names the rule from the execution parameters and the resource that was remediated', () => {
    // Prepare
    const event = automationEvent();

    // Act
    const alert = formatAutomationStatus(event, ctx, {
      ruleName: 'glue-connection-ssl-enforced',
      resourceId: '123456789012',
    });

    // Assess
    expect(alert.subject).toBe('[Remediation Success] EnforceGlueConnectionSsl 123456789012');
    expect(alert.attributes).toEqual({
      rule: 'glue-connection-ssl-enforced',
      compliance: 'Success',
      resourceType: 'AWS::::Account',
      accountId: '123456789012',
      region: 'us-east-1',
      severity: 'HIGH',
    });
    expect(jsonSection(alert.message)).toMatchObject({
      kind: 'AutomationOutcome',
      executionId: '6a1f3c9e-2b4d-4e8f-a0b1-c2d3e4f5a6b7',
      status: 'Success',
      resourceId: '123456789012',
    });
  });

  it('without execution parameters, names every rule linked to the document', () => {
    // Prepare
    const event = automationEvent();
    event.detail.Definition = 'EnableGlueCatalogEncryption';
    event.detail.Status = 'Failed';

    // Act
    const alert = formatAutomationStatus(event, ctx);

    // Assess
    const linked = rulesForDocument('EnableGlueCatalogEncryption', ctx).map((r) => r.id);
    expect(linked).toEqual(
      expect.arrayContaining([
        'glue-catalog-metadata-encrypted',
        'glue-catalog-connection-passwords-encrypted',
      ]),
    );
    expect(alert.attributes.rule.split(',')).toEqual(linked);
    expect(alert.attributes.compliance).toBe('Failed');
  });

  it('keeps only the allow-listed execution parameters (never other, possibly secret, values)', () => {
    // Prepare
    const parameters = {
      RuleName: ['glue-connection-ssl-enforced'],
      CatalogId: ['123456789012'],
      AutomationAssumeRole: ['arn:aws:iam::123456789012:role/remediate'],
      Password: ['hunter2-secret'],
    };

    // Act
    const facts = allowedExecutionParameters(parameters, rulesForDocument('EnforceGlueConnectionSsl', ctx));
    const alert = formatAutomationStatus(automationEvent(), ctx, facts);

    // Assess
    expect(facts).toEqual({ ruleName: 'glue-connection-ssl-enforced', resourceId: '123456789012' });
    expect(JSON.stringify(alert)).not.toContain('hunter2-secret');
    expect(JSON.stringify(alert)).not.toContain('role/remediate');
  });
});

describe('Notifier: subjects', () => {
  it('fits SNS: at most 100 printable ASCII characters on one line', () => {
    // Prepare
    const long = `[NON_COMPLIANT] rule: AWS::Glue::Job ${'x'.repeat(200)}\nsecond line é`;

    // Act
    const subject = toSubject(long);

    // Assess
    expect(subject.length).toBe(100);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
    expect(subject.endsWith('...')).toBe(true);
  });
});

describe('Notifier: events that leave out optional fields', () => {
  it('takes the resource from the qualifier and the account and region from the envelope', () => {
    // Prepare
    const event = complianceEvent();
    const { resourceId: _id, resourceType: _type, awsAccountId: _a, awsRegion: _r, ...rest } = event.detail;
    event.detail = { ...rest, oldEvaluationResult: undefined } as never;
    event.account = '111122223333';
    event.region = 'eu-west-1';
    // Act
    const alert = formatComplianceChange(event, ctx);
    // Assess
    expect(alert.subject).toBe(
      '[NON_COMPLIANT] glue-job-security-configuration-encrypted: AWS::Glue::Job nightly-ledger-etl',
    );
    expect(alert.message.split('\n')[0]).toBe(
      'AWS Config: AWS::Glue::Job nightly-ledger-etl is NON_COMPLIANT with glue-job-security-configuration-encrypted.',
    );
    expect(alert.attributes).toMatchObject({ accountId: '111122223333', region: 'eu-west-1' });
    expect(jsonSection(alert.message)).toMatchObject({
      previousCompliance: null,
      resourceId: 'nightly-ledger-etl',
    });
  });

  it('an execution without times, caller or version prints none of them and sends nulls', () => {
    // Prepare
    const event = automationEvent();
    const { StartTime: _s, EndTime: _e, ExecutedBy: _b, DefinitionVersion: _v, ...rest } = event.detail;
    event.detail = rest as never;
    // Act
    const alert = formatAutomationStatus(event, ctx);
    // Assess
    const lines = alert.message.split('\n--- JSON ---\n')[0]?.split('\n') ?? [];
    expect(lines.filter((l) => /^(Started|Ended|Run by):/.test(l))).toEqual([]);
    expect(jsonSection(alert.message)).toMatchObject({
      documentVersion: null,
      startTime: null,
      endTime: null,
      executedBy: null,
      resourceId: null,
    });
  });

  it('an execution with them prints each on its own line', () => {
    // Act
    const alert = formatAutomationStatus(automationEvent(), ctx);
    // Assess
    const lines = alert.message.split('\n');
    expect(lines).toContain('Started:    Nov 27, 2026 9:20:58 AM');
    expect(lines).toContain('Ended:      Nov 27, 2026 9:21:06 AM');
    expect(lines).toContain(
      'Run by:     arn:aws:sts::123456789012:assumed-role/AWSServiceRoleForConfigRemediation/config-remediation',
    );
    expect(jsonSection(alert.message)).toMatchObject({ documentVersion: 1 });
  });

  it('keeps the first linked rule whose resource parameter was passed, and no empty RuleName', () => {
    // Act
    const linked = rulesForDocument('AttachGlueJobSecurityConfiguration', ctx);
    const facts = allowedExecutionParameters({ RuleName: [''], JobName: ['etl'], Other: ['secret'] }, linked);
    // Assess
    expect(linked.map((r) => r.id)).toEqual(['glue-job-security-configuration-encrypted']);
    expect(facts).toEqual({ resourceId: 'etl' });
  });
});
