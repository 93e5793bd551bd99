import type { Job } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-job-no-plaintext-secrets';
import { inspectionSteps, MAX_INSPECTED_CHARS } from '../../functions/rules/lib/secrets';
import { evaluateResource } from '../support/rule-context';

// Issue 12 findings 4 and 5 at the rule's level: hostile argument sizes and shapes.
const job = (args: Record<string, string>): Job => ({
  Name: 'ledger-etl',
  Command: { Name: 'glueetl', ScriptLocation: 's3://assets/ledger.py' },
  DefaultArguments: { '--job-language': 'python', ...args },
});

describe('Rule: glue-job-no-plaintext-secrets on hostile arguments', () => {
  it('12. an argument too long to inspect -> NON_COMPLIANT, never COMPLIANT unread', async () => {
    // Act: 300 KiB of harmless-looking text (a secret could sit anywhere in it).
    const v = await evaluateResource(rule, job({ '--payload': 'a'.repeat(MAX_INSPECTED_CHARS + 1) }), {});
    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: `Argument is too long to inspect for secrets (over ${MAX_INSPECTED_CHARS} characters), so it is reported unread: DefaultArguments --payload`,
      offenders: ['DefaultArguments --payload'],
    });
  });

  it('13. four 100k-character arguments of the shapes that were quadratic -> a verdict in linear steps', async () => {
    // Arrange: the connection-string, s3a and JWT shapes, and a PASSWORD run, 100,000 characters each.
    const args = {
      '--a': 'a'.repeat(100_000),
      '--b': 's3a://x:'.repeat(12_500),
      '--c': 'eyJ-'.repeat(25_000),
      '--d': 'password'.repeat(12_500),
    };
    // Act
    const before = inspectionSteps();
    const v = await evaluateResource(rule, job(args), {});
    const steps = inspectionSteps() - before;
    // Assess: clean (no credential among them), within 96 steps per character.
    expect(v.compliance).toBe('COMPLIANT');
    expect(steps).toBeLessThan(96 * 400_000);
  });

  it('14. secrets the detector used to miss -> NON_COMPLIANT, key named, value never shown', async () => {
    // Act
    const v = await evaluateResource(
      rule,
      job({
        '--options': '{"password":"Hunter2-Example"}',
        '--dbpassword': 'Hunter2-Example',
        '--ssm-password': 'Hunter2-Example',
        '--password2': '{{resolve:hunter2',
        '--jdbc': 'jdbc:oracle:thin:etl/Hunter2-Example@ledger:1521/L',
      }),
      {},
    );
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual([
      'DefaultArguments --options',
      'DefaultArguments --dbpassword',
      'DefaultArguments --ssm-password',
      'DefaultArguments --password2',
      'DefaultArguments --jdbc',
    ]);
    expect(JSON.stringify(v)).not.toContain('Hunter2');
  });
});
