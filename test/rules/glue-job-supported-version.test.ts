import type { Job } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-job-supported-version';
import { parseParameters } from '../../functions/runtime/parameters';
import { evaluateResource } from '../support/rule-context';

const job = (command: string, version?: string): Job => ({
  Name: 'ledger-etl',
  Role: 'arn:aws:iam::123456789012:role/GlueLedgerEtl',
  Command: { Name: command, ScriptLocation: 's3://assets/ledger.py' },
  ...(version === undefined ? {} : { GlueVersion: version }),
});

describe('Rule: glue-job-supported-version', () => {
  it('1. Spark ETL job below minimumGlueVersion -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(rule, job('glueetl', '2.0'), {});
    // Assess
    expect(v).toEqual({ compliance: 'NON_COMPLIANT', annotation: 'Glue 2.0 is below the minimum 3.0' });
  });

  it('2. Spark job with no GlueVersion -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(rule, job('glueetl'), {});
    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: 'Spark job has no GlueVersion (minimum 3.0)',
    });
  });

  it('3. Spark job at or above the minimum -> COMPLIANT', async () => {
    // Act
    const verdicts = await Promise.all(
      ['3.0', '4.0', '5.0'].map((v) => evaluateResource(rule, job('glueetl', v), {})),
    );
    // Assess
    expect(verdicts.map((v) => v.compliance)).toEqual(['COMPLIANT', 'COMPLIANT', 'COMPLIANT']);
    expect(verdicts[0]?.annotation).toBe('Glue 3.0 (minimum 3.0)');
  });

  it('4. streaming job judged the same way -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(rule, job('gluestreaming', '1.0'), {}, { minimumGlueVersion: '4.0' });
    // Assess
    expect(v).toEqual({ compliance: 'NON_COMPLIANT', annotation: 'Glue 1.0 is below the minimum 4.0' });
  });

  it('5. Python shell or Ray job, whatever its version -> NOT_APPLICABLE', async () => {
    // Act
    const shell = await evaluateResource(rule, job('pythonshell', '1.0'), {});
    const ray = await evaluateResource(rule, job('glueray'), {});
    // Assess
    expect(shell).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: 'Only Spark jobs are judged, not pythonshell',
    });
    expect(ray.compliance).toBe('NOT_APPLICABLE');
  });

  it('6. versions compare numerically -> COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(rule, job('glueetl', '10.0'), {}, { minimumGlueVersion: '5.0' });
    // Assess
    expect(v.compliance).toBe('COMPLIANT');
  });

  it('7. minimumGlueVersion not in major.minor form -> parameter error naming it', () => {
    // Act
    const parse = (value: string) => () =>
      parseParameters(rule.parameters, JSON.stringify({ minimumGlueVersion: value }));
    // Assess
    expect(parse('3')).toThrow(/minimumGlueVersion/);
    expect(parse('v4.0')).toThrow(/minimumGlueVersion/);
    expect(parse('4.0')).not.toThrow();
  });
});
