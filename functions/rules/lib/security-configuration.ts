import type { SecurityConfiguration } from '@aws-sdk/client-glue';

/** Which parts of a security configuration a resource kind relies on. */
export interface EncryptionNeeds {
  s3: boolean;
  cloudWatch: boolean;
  jobBookmarks: boolean;
  /** Accept SSE-S3 for S3 data (otherwise only SSE-KMS). */
  allowSseS3?: boolean;
  /** When non-empty, every KMS key used must be one of these ARNs. */
  kmsKeyArns?: readonly string[];
}

/**
 * Lists what a security configuration fails to encrypt; [] means it meets the needs.
 * Modes: S3 DISABLED | SSE-KMS | SSE-S3, CloudWatch DISABLED | SSE-KMS, bookmarks DISABLED | CSE-KMS.
 */
export function encryptionGaps(sc: SecurityConfiguration, needs: EncryptionNeeds): string[] {
  const gaps: string[] = [];
  const cfg = sc.EncryptionConfiguration ?? {};
  const keyAllowed = (key: string | undefined): boolean =>
    !needs.kmsKeyArns?.length || (key !== undefined && needs.kmsKeyArns.includes(key));
  if (needs.s3) {
    const s3 = cfg.S3Encryption ?? [];
    const modes = s3.map((e) => e.S3EncryptionMode ?? 'DISABLED');
    if (s3.length === 0 || modes.some((m) => m === 'DISABLED')) gaps.push('S3 encryption disabled');
    else if (!needs.allowSseS3 && modes.some((m) => m === 'SSE-S3')) gaps.push('S3 uses SSE-S3, not SSE-KMS');
    else if (s3.some((e) => e.S3EncryptionMode === 'SSE-KMS' && !keyAllowed(e.KmsKeyArn))) {
      gaps.push('S3 KMS key not in the allowed list');
    }
  }
  if (needs.cloudWatch) {
    const cw = cfg.CloudWatchEncryption;
    if (cw?.CloudWatchEncryptionMode !== 'SSE-KMS') gaps.push('CloudWatch logs encryption disabled');
    else if (!keyAllowed(cw.KmsKeyArn)) gaps.push('CloudWatch KMS key not in the allowed list');
  }
  if (needs.jobBookmarks) {
    const jb = cfg.JobBookmarksEncryption;
    if (jb?.JobBookmarksEncryptionMode !== 'CSE-KMS') gaps.push('job bookmark encryption disabled');
    else if (!keyAllowed(jb.KmsKeyArn)) gaps.push('job bookmark KMS key not in the allowed list');
  }
  return gaps;
}

/** A pattern for KMS key ARNs (allow-list parameters); defined with the rules' metadata. */
export { KMS_KEY_ARN } from '../meta/shared';
