import { describe, expect, it } from 'vitest';
import { RULE_CONCURRENCY, scanAccount } from '../../cli/scan-account';
import { createAwsContext } from '../../functions/runtime/aws';
import { type AnyRule, defineRule, Frequency, Severity } from '../../functions/runtime/rule';
import { Compliance } from '../../functions/runtime/types';

// Within one account-region the rules run a bounded number at a time (they mostly wait on the
// network), and the findings keep the rules' order whatever order they finish in.

/** An account rule that waits `delayMs` and records how many run at once. */
function waitingRule(i: number, delayMs: number, gauge: { now: number; max: number }): AnyRule {
  return defineRule({
    scope: 'account',
    id: `glue-fake-wait-${String(i).padStart(2, '0')}`,
    description: 'Waits.',
    control: 'test',
    severity: Severity.LOW,
    periodic: Frequency.ONE_HOUR,
    parameters: {},
    iam: [],
    lookups: {},
    async evaluate() {
      gauge.now++;
      gauge.max = Math.max(gauge.max, gauge.now);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      gauge.now--;
      return { compliance: Compliance.COMPLIANT, annotation: `rule ${i}` };
    },
  }) as AnyRule;
}

describe('scanAccount', () => {
  const aws = createAwsContext({
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });

  it('runs at most RULE_CONCURRENCY rules at once, more than one, and keeps the rules order', async () => {
    // Prepare: 15 rules; the early ones take longest, so they finish last
    const gauge = { now: 0, max: 0 };
    const rules = Array.from({ length: 15 }, (_, i) => waitingRule(i, (15 - i) * 3, gauge));
    const done: string[] = [];
    // Act
    const result = await scanAccount(aws, {
      rules,
      accountId: '123456789012',
      onRuleDone: (r) => done.push(r.id),
    });
    // Assess
    expect(gauge.max).toBe(RULE_CONCURRENCY);
    expect(result.findings.map((f) => f.annotation)).toEqual(rules.map((_, i) => `rule ${i}`));
    expect(result.errors).toEqual([]);
    expect(done.sort()).toEqual(rules.map((r) => r.id).sort());
  });

  it('runs one rule at a time with concurrency 1', async () => {
    // Prepare
    const gauge = { now: 0, max: 0 };
    const rules = Array.from({ length: 4 }, (_, i) => waitingRule(i, 1, gauge));
    // Act
    await scanAccount(aws, { rules, accountId: '123456789012', concurrency: 1 });
    // Assess
    expect(gauge.max).toBe(1);
  });
});
