import { describe, expect, it } from 'vitest';
import type { DataBrewJob } from '../../functions/lookups/databrew';
import { rule } from '../../functions/rules/databrew-job-output-encrypted';
import { evaluateAccount } from '../support/rule-context';

const job = (name: string, mode?: string): DataBrewJob => ({
  Name: name,
  Type: 'RECIPE',
  ...(mode ? { EncryptionMode: mode as DataBrewJob['EncryptionMode'] } : {}),
});
const jobs = (list: DataBrewJob[]) => ({ jobs: async () => list });

describe('Rule: databrew-job-output-encrypted', () => {
  it('1. no DataBrew jobs -> NOT_APPLICABLE', async () => {
    // Act
    const v = await evaluateAccount(rule, jobs([]));
    // Assess
    expect(v).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: 'No DataBrew jobs in this account and region',
    });
  });

  it('2. a job without EncryptionMode -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(rule, jobs([job('clean-ledger', 'SSE-KMS'), job('profile-cards')]));
    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: '1 of 2 DataBrew jobs lack an encryption mode: profile-cards',
      offenders: ['profile-cards'],
    });
  });

  it('3. SSE-S3 and requireKms false -> COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(rule, jobs([job('clean-ledger', 'SSE-S3'), job('normalise', 'SSE-KMS')]));
    // Assess
    expect(v).toEqual({ compliance: 'COMPLIANT', annotation: 'All 2 DataBrew jobs use an encryption mode' });
  });

  it('4. SSE-S3 and requireKms true -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      jobs([job('clean-ledger', 'SSE-S3'), job('normalise', 'SSE-KMS')]),
      {
        requireKms: 'true',
      },
    );
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.annotation).toBe('1 of 2 DataBrew jobs lack SSE-KMS: clean-ledger');
  });

  it('5. every job SSE-KMS and requireKms true -> COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(rule, jobs([job('normalise', 'SSE-KMS')]), { requireKms: 'true' });
    // Assess
    expect(v).toEqual({ compliance: 'COMPLIANT', annotation: 'All 1 DataBrew jobs use SSE-KMS' });
  });

  it('6. many offenders -> annotation truncated, all in offenders', async () => {
    // Prepare
    const many = Array.from({ length: 60 }, (_, i) => job(`nightly-profile-${String(i).padStart(2, '0')}`));
    // Act
    const v = await evaluateAccount(rule, jobs(many));
    // Assess
    expect(v.annotation.length).toBeLessThanOrEqual(256);
    expect(v.annotation).toMatch(/and \d+ more$/);
    expect(v.offenders).toHaveLength(60);
  });
});
