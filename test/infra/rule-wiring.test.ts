import { describe, expect, it } from 'vitest';
import { ruleCatalog } from '../../functions/rules/catalog';
import { changeScope, configRuleName, ruleFunctionName } from '../../infra/rule-wiring';

const meta = (id: string) => {
  const rule = ruleCatalog.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
};

describe('Rule names and scopes', () => {
  const job = meta('glue-job-security-configuration-encrypted');

  it('prefixes the Config rule name and uses it as the function name', () => {
    expect(configRuleName({ namePrefix: 'acme-' }, job)).toBe(
      'acme-glue-job-security-configuration-encrypted',
    );
    expect(ruleFunctionName({ namePrefix: 'acme-' }, job)).toBe(
      'acme-glue-job-security-configuration-encrypted',
    );
  });

  it('refuses a function name over 64 characters, naming the prefix to shorten', () => {
    // 'glue-job-security-configuration-encrypted' has 41 characters: a 24-character prefix makes 65.
    const prefix = 'p'.repeat(24);
    expect(() => ruleFunctionName({ namePrefix: prefix }, job)).toThrow(
      new Error(`Function name '${prefix}${job.id}' is over 64 characters: shorten namePrefix '${prefix}'`),
    );
    expect(ruleFunctionName({ namePrefix: 'p'.repeat(23) }, job)).toHaveLength(64);
  });

  it('scopes a change-triggered rule to its resource types and a periodic-only rule to nothing', () => {
    expect(changeScope(job)).toEqual(['AWS::Glue::Job']);
    expect(changeScope(meta('glue-audit-trail-enabled'))).toBeUndefined();
  });
});
