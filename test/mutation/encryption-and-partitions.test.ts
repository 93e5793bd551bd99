import { describe, expect, it } from 'vitest';
import { partitionOf } from '../../functions/rules/lib/s3-policy';
import { encryptionGaps } from '../../functions/rules/lib/security-configuration';

// Uncovered mutants of `npm run mutation` in functions/rules/lib (issue 11), pinned with literal
// expected values.

describe('security configuration S3 modes (mutation survivors)', () => {
  it('an S3Encryption entry without a mode encrypts nothing', () => {
    // kills `e.S3EncryptionMode ?? 'DISABLED'` -> `?? ""` (an entry without a mode would pass)
    expect(
      encryptionGaps(
        { Name: 'cfg', EncryptionConfiguration: { S3Encryption: [{}] } },
        { s3: true, cloudWatch: false, jobBookmarks: false },
      ),
    ).toEqual(['S3 encryption disabled']);
  });
});

describe('partitions of bucket ARNs (mutation survivors)', () => {
  it('names the partition of commercial, China and GovCloud regions', () => {
    expect(partitionOf('eu-west-1')).toBe('aws');
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
  });
});
