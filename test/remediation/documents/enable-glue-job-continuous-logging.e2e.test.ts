import { describe, expect, it } from 'vitest';
import { rule } from '../../../functions/rules/glue-job-logging-enabled';
import { useEmulator } from '../../emulator/context';
import {
  evaluateRule,
  expectTwoResults,
  jobChangeEvent,
  outcomeOf,
  resultInbox,
  runDocument,
} from './support/e2e';
import { createJob, readJob, sparkJob, without } from './support/seed';

const emulator = useEmulator();
const DOCUMENT = 'EnableGlueJobContinuousLogging';

describe(`Document: ${DOCUMENT}`, () => {
  it('turns continuous logging on, keeps the job otherwise intact, satisfies the rule, then reports no change', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    await createJob(emulator, sparkJob('load'));
    const before = await readJob(emulator, 'load');
    expect((await evaluateRule(emulator, rule, jobChangeEvent(rule, before)))[0]?.ComplianceType).toBe(
      'NON_COMPLIANT',
    );

    // Act
    const first = await runDocument(emulator, DOCUMENT, inbox, { JobName: 'load' });
    const after = await readJob(emulator, 'load');
    const evaluations = await evaluateRule(emulator, rule, jobChangeEvent(rule, after));
    const second = await runDocument(emulator, DOCUMENT, inbox, { JobName: 'load' });

    // Assess
    expect([first.AutomationExecutionStatus, outcomeOf(first)]).toEqual(['Success', 'REMEDIATED']);
    expect(after.DefaultArguments).toEqual({
      ...before.DefaultArguments,
      '--enable-continuous-cloudwatch-log': 'true',
    });
    const changed = ['DefaultArguments', 'LastModifiedOn'];
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
    expect(result.changes).toEqual([
      { field: 'DefaultArguments.--enable-continuous-cloudwatch-log', before: null, after: 'true' },
    ]);
  });
});
