import { describe, expect, it } from 'vitest';
import {
  allowedExecutionParameters,
  formatAutomationStatus,
  formatComplianceChange,
  toSubject,
} from '../../functions/notify/format';
import type { AutomationStatusEvent, ComplianceChangeEvent } from '../../functions/notify/types';
import { accountRule, automationEvent, crawlerRule, jobRule } from './fixtures';

const rules = [accountRule, jobRule, crawlerRule];

function compliance(detail: Partial<ComplianceChangeEvent['detail']> = {}): ComplianceChangeEvent {
  return {
    version: '0',
    id: 'evt-1',
    'detail-type': 'Config Rules Compliance Change',
    source: 'aws.config',
    account: '111122223333',
    time: '2026-11-27T09:15:42Z',
    region: 'eu-west-1',
    resources: [],
    detail: { configRuleName: 'gg-glue-job-thing-enabled', ...detail },
  };
}

function automation(detail: Partial<AutomationStatusEvent['detail']> = {}): AutomationStatusEvent {
  return automationEvent({ Definition: 'gg-FixThings', Status: 'Failed', ...detail });
}

const ctx = { rules, namePrefix: 'gg-' };

describe('formatComplianceChange: the whole text', () => {
  it('prints every line of a complete event, and the JSON section', () => {
    // Prepare
    const event = compliance({
      resourceId: 'nightly',
      resourceType: 'AWS::Glue::Job',
      awsAccountId: '123456789012',
      awsRegion: 'us-east-1',
      newEvaluationResult: {
        complianceType: 'NON_COMPLIANT',
        resultRecordedTime: '2026-11-27T09:15:41.877Z',
        annotation: 'No thing',
      },
      oldEvaluationResult: { complianceType: 'COMPLIANT' },
    });
    // Act
    const alert = formatComplianceChange(event, ctx);
    // Assess
    expect(alert.subject).toBe('[NON_COMPLIANT] gg-glue-job-thing-enabled: AWS::Glue::Job nightly');
    expect(alert.message).toBe(
      [
        'AWS Config: AWS::Glue::Job nightly is NON_COMPLIANT with gg-glue-job-thing-enabled (was COMPLIANT).',
        '',
        'Severity:   LOW',
        'Control:    Data protection: things',
        'Rule:       Jobs have the thing.',
        'Annotation: No thing',
        'Account:    123456789012',
        'Region:     us-east-1',
        'Recorded:   2026-11-27T09:15:41.877Z',
        'Console:    https://us-east-1.console.aws.amazon.com/config/home?region=us-east-1#/rules/details?configRuleName=gg-glue-job-thing-enabled',
        '',
        '--- JSON ---',
        '{',
        '  "kind": "ComplianceChange",',
        '  "rule": "gg-glue-job-thing-enabled",',
        '  "severity": "LOW",',
        '  "control": "Data protection: things",',
        '  "resourceType": "AWS::Glue::Job",',
        '  "resourceId": "nightly",',
        '  "compliance": "NON_COMPLIANT",',
        '  "previousCompliance": "COMPLIANT",',
        '  "annotation": "No thing",',
        '  "accountId": "123456789012",',
        '  "region": "us-east-1",',
        '  "resultRecordedTime": "2026-11-27T09:15:41.877Z",',
        '  "eventId": "evt-1"',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('prints no optional line for a bare event of a rule that is not ours, and survives missing identifiers', () => {
    // Prepare: another deployment's prefix; a result without identifier; a name needing URL encoding.
    const event = compliance({ configRuleName: 'xx-glue-job-thing-enabled', newEvaluationResult: {} });
    // Act
    const alert = formatComplianceChange(event, ctx);
    // Assess
    expect(alert.attributes).toEqual({
      rule: 'xx-glue-job-thing-enabled',
      compliance: 'UNKNOWN',
      resourceType: 'UNKNOWN',
      accountId: '111122223333',
      region: 'eu-west-1',
      severity: 'UNKNOWN',
    });
    expect(alert.message.split('\n--- JSON ---\n')[0]).toBe(
      [
        'AWS Config: UNKNOWN UNKNOWN is UNKNOWN with xx-glue-job-thing-enabled.',
        '',
        'Severity:   UNKNOWN',
        'Account:    111122223333',
        'Region:     eu-west-1',
        'Console:    https://eu-west-1.console.aws.amazon.com/config/home?region=eu-west-1#/rules/details?configRuleName=xx-glue-job-thing-enabled',
        '',
      ].join('\n'),
    );
    expect(alert.message).toContain('"annotation": null,');
    expect(alert.message).toContain('"resultRecordedTime": null,');
  });

  it('encodes the rule name in the console link', () => {
    const alert = formatComplianceChange(compliance({ configRuleName: 'a b/c' }), ctx);
    expect(alert.message).toContain('#/rules/details?configRuleName=a%20b%2Fc\n');
  });

  it('treats a blank attribute as unknown', () => {
    const alert = formatComplianceChange(compliance({ resourceType: '   ', awsRegion: ' ' }), ctx);
    expect(alert.attributes.resourceType).toBe('UNKNOWN');
    expect(alert.attributes.region).toBe('UNKNOWN');
  });

  it('without a prefix, the rule name is the id', () => {
    const alert = formatComplianceChange(compliance({ configRuleName: 'glue-crawler-thing-enabled' }), {
      rules,
      namePrefix: '',
    });
    expect(alert.attributes.severity).toBe('MEDIUM');
  });
});

describe('toSubject', () => {
  it('turns each non-printable character into a space, collapses runs of blanks and trims', () => {
    expect(toSubject('  a\u00e9b\t\t c  ')).toBe('a b c');
    expect(toSubject('x   y')).toBe('x y');
  });

  it('keeps a subject of exactly 100 characters whole', () => {
    const hundred = 'y'.repeat(100);
    expect(toSubject(hundred)).toBe(hundred);
    expect(toSubject(`${hundred}z`)).toBe(`${'y'.repeat(97)}...`);
  });
});

describe('allowedExecutionParameters', () => {
  it('answers nothing for no parameters or no RuleName', () => {
    expect(allowedExecutionParameters(undefined, [jobRule])).toEqual({});
    expect(allowedExecutionParameters({}, [jobRule, crawlerRule])).toEqual({});
  });

  it('skips candidates without a remediation or whose parameter was not passed', () => {
    expect(
      allowedExecutionParameters({ AccountId: ['123456789012'] }, [crawlerRule, jobRule, accountRule]),
    ).toEqual({ resourceId: '123456789012' });
  });
});

describe('formatAutomationStatus', () => {
  it('prints every line of an outcome for one resource', () => {
    // Act
    const alert = formatAutomationStatus(
      automation({ Status: 'Success', StartTime: 's', EndTime: 'e', ExecutedBy: 'me' }),
      ctx,
      { ruleName: 'gg-glue-job-thing-enabled', resourceId: 'nightly' },
    );
    // Assess
    expect(alert.subject).toBe('[Remediation Success] gg-FixThings nightly');
    expect(alert.attributes).toEqual({
      rule: 'gg-glue-job-thing-enabled',
      compliance: 'Success',
      resourceType: 'AWS::Glue::Job',
      accountId: '111122223333',
      region: 'eu-west-1',
      severity: 'LOW',
    });
    expect(alert.message.split('\n--- JSON ---\n')[0]).toBe(
      [
        'Remediation gg-FixThings ended Success for nightly.',
        '',
        'Rule:       gg-glue-job-thing-enabled',
        'Severity:   LOW',
        'Execution:  exec-1',
        'Started:    s',
        'Ended:      e',
        'Run by:     me',
        'Account:    111122223333',
        'Region:     eu-west-1',
        'Console:    https://eu-west-1.console.aws.amazon.com/systems-manager/automation/execution/exec-1?region=eu-west-1',
        '',
      ].join('\n'),
    );
  });

  it('without a resource, says so in neither the first line nor the subject', () => {
    const alert = formatAutomationStatus(automation(), ctx);
    expect(alert.subject).toBe('[Remediation Failed] gg-FixThings');
    expect(alert.message.split('\n')[0]).toBe('Remediation gg-FixThings ended Failed.');
  });

  it('without a rule name, joins every linked rule and their resource types, with the highest severity', () => {
    const alert = formatAutomationStatus(automation(), ctx, {});
    expect(alert.attributes).toMatchObject({
      rule: 'gg-glue-account-thing-enabled,gg-glue-job-thing-enabled',
      resourceType: 'AWS::::Account,AWS::Glue::Job',
      severity: 'CRITICAL',
    });
  });

  it('with a rule name, uses that rule only (not the first rule linked to the document)', () => {
    const alert = formatAutomationStatus(automation(), ctx, { ruleName: 'gg-glue-job-thing-enabled' });
    expect(alert.attributes).toMatchObject({ resourceType: 'AWS::Glue::Job', severity: 'LOW' });
  });

  it('an account rule reports the account resource type', () => {
    const alert = formatAutomationStatus(automation(), ctx, { ruleName: 'gg-glue-account-thing-enabled' });
    expect(alert.attributes).toMatchObject({ resourceType: 'AWS::::Account', severity: 'CRITICAL' });
  });
});
