import { describe, expect, it } from 'vitest';
import { rule } from '../../../functions/rules/glue-job-network-isolated';
import { useEmulator } from '../../emulator/context';
import {
  evaluateRule,
  expectTwoResults,
  jobChangeEvent,
  outcomeOf,
  resultInbox,
  runDocument,
} from './support/e2e';
import { createConnection, createJob, jdbcInput, readJob, sparkJob, without } from './support/seed';

const emulator = useEmulator();
const DOCUMENT = 'SetGlueJobDisableProxy';

describe(`Document: ${DOCUMENT}`, () => {
  it('disables the proxy of a job in a VPC, keeps it otherwise intact, satisfies the rule, then reports no change', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    await createConnection(emulator, jdbcInput('warehouse', { JDBC_ENFORCE_SSL: 'true' }));
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
    expect(after.DefaultArguments).toEqual({ ...before.DefaultArguments, '--disable-proxy-v2': 'true' });
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
      { field: 'DefaultArguments.--disable-proxy-v2', before: null, after: 'true' },
    ]);
  });

  it('moves a job off the deprecated --disable-proxy: the rule flags it, the document adds v2 and keeps it', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    await createConnection(emulator, jdbcInput('warehouse', { JDBC_ENFORCE_SSL: 'true' }));
    const legacy = { '--job-language': 'python', '--disable-proxy': 'true' };
    await createJob(emulator, sparkJob('load', { DefaultArguments: legacy }));
    const [flagged] = await evaluateRule(
      emulator,
      rule,
      jobChangeEvent(rule, await readJob(emulator, 'load')),
    );

    // Act
    const run = await runDocument(emulator, DOCUMENT, inbox, { JobName: 'load' });
    const after = await readJob(emulator, 'load');
    const evaluations = await evaluateRule(emulator, rule, jobChangeEvent(rule, after));

    // Assess
    expect(flagged?.ComplianceType).toBe('NON_COMPLIANT');
    expect(flagged?.Annotation).toContain('deprecated --disable-proxy');
    expect([run.AutomationExecutionStatus, outcomeOf(run)]).toEqual(['Success', 'REMEDIATED']);
    expect(after.DefaultArguments).toEqual({ ...legacy, '--disable-proxy-v2': 'true' });
    expect(evaluations.map((e) => e.ComplianceType)).toEqual(['COMPLIANT']);
    expect((await inbox.drain()).map((n) => n.attributes.outcome)).toEqual(['REMEDIATED']);
  });

  it('refuses a job without connections and publishes FAILED', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    await createJob(emulator, sparkJob('load', { Connections: undefined }));

    // Act
    const run = await runDocument(emulator, DOCUMENT, inbox, { JobName: 'load' });

    // Assess
    expect(run.AutomationExecutionStatus).toBe('Failed');
    expect(run.FailureMessage).toContain('Job load has no connections');
    expect((await inbox.drain()).map((n) => n.attributes.outcome)).toEqual(['FAILED']);
  });
});
