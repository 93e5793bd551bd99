import { describe, expect, it } from 'vitest';
import { rule } from '../../../functions/rules/glue-job-security-configuration-encrypted';
import { useEmulator } from '../../emulator/context';
import {
  evaluateRule,
  expectTwoResults,
  jobChangeEvent,
  outcomeOf,
  resultInbox,
  runDocument,
} from './support/e2e';
import {
  createJob,
  createKey,
  createSecurityConfiguration,
  readJob,
  sparkJob,
  without,
} from './support/seed';

const emulator = useEmulator();
const DOCUMENT = 'AttachGlueJobSecurityConfiguration';

describe(`Document: ${DOCUMENT}`, () => {
  it('attaches the configuration, keeps the job otherwise intact, satisfies the rule, then reports no change', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    await createSecurityConfiguration(emulator, 'encrypted', await createKey(emulator));
    await createJob(emulator, sparkJob('load'));
    const before = await readJob(emulator, 'load');
    const parameters = { JobName: 'load', SecurityConfigurationName: 'encrypted' };

    // Act
    const first = await runDocument(emulator, DOCUMENT, inbox, parameters);
    const after = await readJob(emulator, 'load');
    const evaluations = await evaluateRule(emulator, rule, jobChangeEvent(rule, after));
    const second = await runDocument(emulator, DOCUMENT, inbox, parameters);

    // Assess
    expect([first.AutomationExecutionStatus, outcomeOf(first)]).toEqual(['Success', 'REMEDIATED']);
    expect(first.StepExecutions.map((s) => s.StepName)).toEqual([
      'Remediate',
      'VerifySecurityConfiguration',
      'PublishResult',
    ]);
    expect(after.SecurityConfiguration).toBe('encrypted');
    const changed = ['SecurityConfiguration', 'LastModifiedOn'];
    expect(without(after, ...changed)).toEqual(without(before, ...changed));
    expect(evaluations.map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual([
      ['load', 'COMPLIANT'],
    ]);
    expect([second.AutomationExecutionStatus, outcomeOf(second)]).toEqual(['Success', 'NO_CHANGE']);
    const [result] = await expectTwoResults(inbox, {
      rule: rule.id,
      resourceType: 'AWS::Glue::Job',
      document: DOCUMENT,
      resource: 'load',
    });
    expect(result.changes).toEqual([{ field: 'SecurityConfiguration', before: null, after: 'encrypted' }]);
  });

  it('fails with a clear message, and publishes FAILED, when the configuration does not exist', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    await createJob(emulator, sparkJob('load'));

    // Act
    const run = await runDocument(emulator, DOCUMENT, inbox, {
      JobName: 'load',
      SecurityConfigurationName: 'nope',
    });

    // Assess
    expect(run.AutomationExecutionStatus).toBe('Failed');
    expect(run.FailureMessage).toContain(
      'Security configuration nope does not exist in this account and region',
    );
    const notifications = await inbox.drain();
    expect(notifications.map((n) => n.attributes.outcome)).toEqual(['FAILED']);
    expect((await readJob(emulator, 'load')).SecurityConfiguration).toBeUndefined();
  });
});
