import type { Job, SecurityConfiguration } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-job-security-configuration-encrypted';
import { evaluateResource } from '../support/rule-context';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd';
const sc = (name: string, s3: string, cw: string, jb: string): SecurityConfiguration => ({
  Name: name,
  EncryptionConfiguration: {
    S3Encryption: [{ S3EncryptionMode: s3 as never, ...(s3 === 'SSE-KMS' ? { KmsKeyArn: KEY } : {}) }],
    CloudWatchEncryption: {
      CloudWatchEncryptionMode: cw as never,
      ...(cw === 'SSE-KMS' ? { KmsKeyArn: KEY } : {}),
    },
    JobBookmarksEncryption: {
      JobBookmarksEncryptionMode: jb as never,
      ...(jb === 'CSE-KMS' ? { KmsKeyArn: KEY } : {}),
    },
  },
});
const configs = [
  sc('full-kms', 'SSE-KMS', 'SSE-KMS', 'CSE-KMS'),
  sc('no-bookmarks', 'SSE-KMS', 'SSE-KMS', 'DISABLED'),
  sc('sse-s3', 'SSE-S3', 'SSE-KMS', 'CSE-KMS'),
];
const lookups = { securityConfigurations: async () => new Map(configs.map((c) => [c.Name!, c])) };
const job = (securityConfiguration?: string): Job => ({
  Name: 'nightly-ledger-etl',
  Role: 'arn:aws:iam::123456789012:role/GlueLedgerEtl',
  Command: { Name: 'glueetl', ScriptLocation: 's3://bucket/script.py' },
  ...(securityConfiguration ? { SecurityConfiguration: securityConfiguration } : {}),
});

describe('Rule: glue-job-security-configuration-encrypted', () => {
  it('1. job has no security configuration -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(rule, job(), lookups);
    // Assess
    expect(v).toEqual({ compliance: 'NON_COMPLIANT', annotation: 'Job has no security configuration' });
  });

  it('2. job names a security configuration that does not exist -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(rule, job('deleted-config'), lookups);
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.annotation).toBe("Job references security configuration 'deleted-config', which does not exist");
  });

  it('3. configuration leaves bookmarks unencrypted -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(rule, job('no-bookmarks'), lookups);
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.annotation).toBe("Security configuration 'no-bookmarks': job bookmark encryption disabled");
  });

  it('4. SSE-S3 for S3 while allowSseS3 is false -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(rule, job('sse-s3'), lookups);
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.annotation).toContain('S3 uses SSE-S3, not SSE-KMS');
  });

  it('5. SSE-S3 for S3 with allowSseS3 true -> COMPLIANT', async () => {
    // Act / Assess
    expect((await evaluateResource(rule, job('sse-s3'), lookups, { allowSseS3: 'true' })).compliance).toBe(
      'COMPLIANT',
    );
  });

  it('6. S3 SSE-KMS, CloudWatch SSE-KMS, bookmarks CSE-KMS -> COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(rule, job('full-kms'), lookups);
    // Assess
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: "Security configuration 'full-kms' encrypts S3, logs and bookmarks",
    });
  });
});
