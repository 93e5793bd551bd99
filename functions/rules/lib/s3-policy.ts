/**
 * Whether an S3 bucket policy refuses requests that do not use TLS: the AWS-recommended statement
 * (S3 user guide, "Enforce encryption of data in transit"; Security Hub S3.5) is a Deny for every
 * principal, on the bucket and its objects, under `Bool: {"aws:SecureTransport": "false"}`.
 */
import { coversEveryResourceUnder, resourceMatches, statementCoversAction } from './iam-actions';
import { conditionEntries, type NormalizedStatement, parsePolicy, statementLabel } from './policy';

/** Object reads and writes must be refused over plain HTTP (covered by `s3:*`, `*`, `s3:*Object`...). */
const REQUIRED_ACTIONS = ['s3:GetObject', 's3:PutObject'];

function everyPrincipal(s: NormalizedStatement): boolean {
  return s.principal?.wildcard === true && s.notPrincipal === undefined;
}

/** `Bool` (or `BoolIfExists`: the key is always present) aws:SecureTransport = false, and nothing else. */
function onlyWithoutTls(s: NormalizedStatement): boolean {
  const entries = conditionEntries(s);
  if (entries.length !== 1) return false;
  const [e] = entries;
  return (
    e !== undefined &&
    e.baseOperator.toLowerCase() === 'bool' &&
    e.setQualifier === undefined &&
    e.key === 'aws:securetransport' &&
    e.values.length > 0 &&
    e.values.every((v) => v.trim().toLowerCase() === 'false')
  );
}

/** The partition of a region, for bucket ARNs. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function coversBucket(s: NormalizedStatement, bucketArn: string): boolean {
  if (s.notResource.length > 0) return !s.notResource.some((p) => resourceMatches(p, bucketArn));
  return s.resource.some((p) => resourceMatches(p, bucketArn));
}

function coversObjects(s: NormalizedStatement, bucketArn: string): boolean {
  const prefix = `${bucketArn}/`;
  if (s.notResource.length > 0) return !s.notResource.some((p) => resourceMatches(p, `${prefix}x`));
  return s.resource.some((p) => coversEveryResourceUnder(p, prefix));
}

export interface SslOnlyFinding {
  enforced: boolean;
  /** The statements that enforce it (Sid or position), when they do. */
  statements: string[];
}

/**
 * True when the policy denies plain-HTTP requests to the bucket and all its objects: Deny
 * statements for every principal, applying to `s3:GetObject` and `s3:PutObject` (`s3:*`, `*`,
 * `s3:*Object`, NotAction...), conditioned only on aws:SecureTransport being false, that together
 * cover the bucket ARN and every object ARN (one statement for both, or one each). A Deny that
 * carries other conditions too (a source VPC, a principal tag) leaves some plain-HTTP requests
 * allowed, so it does not count.
 */
export function enforcesSslOnly(policyJson: string, bucket: string, partition = 'aws'): SslOnlyFinding {
  const bucketArn = `arn:${partition}:s3:::${bucket}`;
  const denies = parsePolicy(policyJson).statements.filter(
    (s) =>
      s.effect === 'Deny' &&
      everyPrincipal(s) &&
      onlyWithoutTls(s) &&
      REQUIRED_ACTIONS.every((a) => statementCoversAction(s, a)),
  );
  const onBucket = denies.filter((s) => coversBucket(s, bucketArn));
  const onObjects = denies.filter((s) => coversObjects(s, bucketArn));
  if (onBucket.length === 0 || onObjects.length === 0) return { enforced: false, statements: [] };
  const labels = new Set([onBucket[0], onObjects[0]].map((s) => statementLabel(s as NormalizedStatement)));
  return { enforced: true, statements: [...labels] };
}
