import type { SecurityConfiguration } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-security-configuration-encrypted';
import { evaluateAccount } from '../support/rule-context';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd';
const OTHER_KEY = 'arn:aws:kms:us-east-1:123456789012:key/9999ffff-8888-eeee-7777-dddd6666cccc';

function sc(
  name: string,
  modes: { s3?: string; cw?: string; jb?: string; key?: string } = {},
): SecurityConfiguration {
  const key = modes.key ?? KEY;
  return {
    Name: name,
    EncryptionConfiguration: {
      S3Encryption: [{ S3EncryptionMode: (modes.s3 ?? 'SSE-KMS') as never, KmsKeyArn: key }],
      CloudWatchEncryption: { CloudWatchEncryptionMode: (modes.cw ?? 'SSE-KMS') as never, KmsKeyArn: key },
      JobBookmarksEncryption: {
        JobBookmarksEncryptionMode: (modes.jb ?? 'CSE-KMS') as never,
        KmsKeyArn: key,
      },
    },
  };
}
const configurations = (list: SecurityConfiguration[]) => ({
  securityConfigurations: async () => new Map(list.map((c) => [c.Name!, c])),
});

describe('Rule: glue-security-configuration-encrypted', () => {
  it('1. no security configurations -> NOT_APPLICABLE', async () => {
    // Act
    const v = await evaluateAccount(rule, configurations([]));

    // Assess
    expect(v.compliance).toBe('NOT_APPLICABLE');
  });

  it('2. a configuration with S3, logs or bookmarks encryption DISABLED -> NON_COMPLIANT, named with its gaps', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      configurations([
        sc('ok'),
        sc('no-logs', { cw: 'DISABLED' }),
        sc('nothing', { s3: 'DISABLED', jb: 'DISABLED' }),
      ]),
    );

    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual([
      'no-logs (CloudWatch logs encryption disabled)',
      'nothing (S3 encryption disabled; job bookmark encryption disabled)',
    ]);
  });

  it('3. a configuration using SSE-S3 for S3 data -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(rule, configurations([sc('s3-managed', { s3: 'SSE-S3' })]));

    // Assess
    expect(v.annotation).toBe(
      '1 of 1 security configurations not fully KMS-encrypted: s3-managed (S3 uses SSE-S3, not SSE-KMS)',
    );
  });

  it('4. every configuration SSE-KMS / SSE-KMS / CSE-KMS -> COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(rule, configurations([sc('a'), sc('b')]));

    // Assess
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'All 2 security configurations encrypt S3, logs and bookmarks with KMS',
    });
  });

  it('5. kmsKeyArns given, a configuration uses another key -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(rule, configurations([sc('a'), sc('b', { key: OTHER_KEY })]), {
      kmsKeyArns: KEY,
    });

    // Assess
    expect(v.offenders).toEqual([
      'b (S3 KMS key not in the allowed list; CloudWatch KMS key not in the allowed list; job bookmark KMS key not in the allowed list)',
    ]);
  });

  it('6. kmsKeyArns given, every key approved -> COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(rule, configurations([sc('a'), sc('b', { key: OTHER_KEY })]), {
      kmsKeyArns: `${KEY}, ${OTHER_KEY}`,
    });

    // Assess
    expect(v.compliance).toBe('COMPLIANT');
  });

  it('7. many offenders -> annotation truncated, all in offenders', async () => {
    // Prepare
    const many = Array.from({ length: 25 }, (_, i) => sc(`legacy-configuration-${i}`, { cw: 'DISABLED' }));

    // Act
    const v = await evaluateAccount(rule, configurations(many));

    // Assess
    expect(v.annotation.length).toBeLessThanOrEqual(256);
    expect(v.offenders).toHaveLength(25);
  });

  it('rejects a kmsKeyArns item that is not a key ARN', async () => {
    // Act / Assess
    await expect(evaluateAccount(rule, configurations([]), { kmsKeyArns: 'alias/glue' })).rejects.toThrow(
      /kmsKeyArns/,
    );
  });
});
