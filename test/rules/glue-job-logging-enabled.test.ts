import type { Job } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-job-logging-enabled';
import { evaluateResource } from '../support/rule-context';

const FLAG = '--enable-continuous-cloudwatch-log';
const job = (over: Partial<Job> = {}): Job => ({
  Name: 'ledger-etl',
  Role: 'arn:aws:iam::123456789012:role/GlueLedgerEtl',
  Command: { Name: 'glueetl', ScriptLocation: 's3://assets/ledger.py' },
  GlueVersion: '4.0',
  DefaultArguments: { '--job-language': 'python' },
  ...over,
});

describe('Rule: glue-job-logging-enabled', () => {
  it('1. Spark job (4.0 or earlier, or no GlueVersion) without the argument -> NON_COMPLIANT', async () => {
    // Act
    const v4 = await evaluateResource(rule, job(), {});
    const none = await evaluateResource(rule, job({ GlueVersion: undefined }), {});
    // Assess
    expect(v4).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: `Continuous CloudWatch logging is off (${FLAG} not set, Glue 4.0)`,
    });
    expect(none.compliance).toBe('NON_COMPLIANT');
    expect(none.annotation).toContain('Glue 0.9 default');
  });

  it('2. the argument is "false" -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(rule, job({ DefaultArguments: { [FLAG]: 'false' } }), {});
    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: `Continuous CloudWatch logging is off (${FLAG} = "false")`,
    });
  });

  it('3. the argument is "true" in DefaultArguments -> COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(rule, job({ DefaultArguments: { [FLAG]: 'TRUE' } }), {});
    // Assess
    expect(v).toEqual({ compliance: 'COMPLIANT', annotation: 'Continuous CloudWatch logging is enabled' });
  });

  it('4. NonOverridableArguments sets it "false" over a "true" default -> NON_COMPLIANT', async () => {
    // Prepare
    const j = job({ DefaultArguments: { [FLAG]: 'true' }, NonOverridableArguments: { [FLAG]: 'false' } });
    // Act
    const v = await evaluateResource(rule, j, {});
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
  });

  it('5. Glue 5.0 or later without the argument -> COMPLIANT', async () => {
    // Act
    const v5 = await evaluateResource(rule, job({ GlueVersion: '5.0', DefaultArguments: {} }), {});
    const streaming = await evaluateResource(
      rule,
      job({ GlueVersion: '5.1', Command: { Name: 'gluestreaming' } }),
      {},
    );
    // Assess
    expect(v5).toEqual({ compliance: 'COMPLIANT', annotation: 'Glue 5.0 logs to CloudWatch in real time' });
    expect(streaming.compliance).toBe('COMPLIANT');
  });

  it('6. Python shell or Ray job -> NOT_APPLICABLE', async () => {
    // Act
    const shell = await evaluateResource(
      rule,
      job({ Command: { Name: 'pythonshell' }, GlueVersion: '3.0' }),
      {},
    );
    const ray = await evaluateResource(rule, job({ Command: { Name: 'glueray' } }), {});
    // Assess
    expect(shell).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: 'Continuous logging applies to Spark jobs, not pythonshell',
    });
    expect(ray.compliance).toBe('NOT_APPLICABLE');
  });
});
