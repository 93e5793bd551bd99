/**
 * Whether an S3 bucket policy refuses requests that do not use TLS: the AWS-recommended statement
 * (S3 user guide, "Enforce encryption of data in transit"; Security Hub S3.5) is a Deny for every
 * principal, on the bucket and its objects, under `Bool: {"aws:SecureTransport": "false"}`.
 */
import { globReachesUnder } from './glob';
import { coversEveryResourceUnder, coversWholeService, resourceMatches } from './iam-actions';
import { conditionEntries, type NormalizedStatement, parsePolicy, statementLabel } from './policy';

const ACTION_NAME_CHAR = (c: string) => /^[a-z0-9]$/i.test(c);
const ANY_CHAR = (_c: string) => true;

/**
 * Every S3 action, as the AWS-recommended statement does with `s3:*`: an `Action` pattern covers
 * the whole service (`s3:*`, `*`), or a `NotAction` none of whose patterns matches any S3 action.
 * A Deny of object reads and writes alone leaves ListBucket, DeleteObject, PutBucketPolicy... over
 * plain HTTP.
 */
function coversEveryS3Action(s: NormalizedStatement): boolean {
  if (s.notAction.length > 0) {
    return !s.notAction.some((p) => globReachesUnder(p, 's3:', ACTION_NAME_CHAR, true));
  }
  return s.action.some((p) => coversWholeService(p, 's3'));
}

/** A NotResource pattern that spares the bucket or anything under it leaves that over plain HTTP. */
function notResourceSparesBucket(s: NormalizedStatement, bucketArn: string): boolean {
  return s.notResource.some(
    (p) => resourceMatches(p, bucketArn) || globReachesUnder(p, `${bucketArn}/`, ANY_CHAR, false),
  );
}

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
  if (s.notResource.length > 0) return !notResourceSparesBucket(s, bucketArn);
  return s.resource.some((p) => resourceMatches(p, bucketArn));
}

function coversObjects(s: NormalizedStatement, bucketArn: string): boolean {
  if (s.notResource.length > 0) return !notResourceSparesBucket(s, bucketArn);
  return s.resource.some((p) => coversEveryResourceUnder(p, `${bucketArn}/`));
}

export interface SslOnlyFinding {
  enforced: boolean;
  /** The statements that enforce it (Sid or position), when they do. */
  statements: string[];
}

/**
 * True when the policy denies plain-HTTP requests to the bucket and all its objects: Deny
 * statements for every principal, applying to every S3 action (`s3:*`, `*`, or a NotAction that
 * excludes no S3 action), conditioned only on aws:SecureTransport being false, that together
 * cover the bucket ARN and every object ARN (one statement for both, or one each; a NotResource
 * counts only when none of its patterns matches the bucket or anything under it). A Deny that
 * carries other conditions too (a source VPC, a principal tag), names only some actions
 * (`s3:GetObject`, `s3:*Object`) or spares a prefix leaves some plain-HTTP requests allowed, so it
 * does not count.
 */
export function enforcesSslOnly(policyJson: string, bucket: string, partition = 'aws'): SslOnlyFinding {
  const bucketArn = `arn:${partition}:s3:::${bucket}`;
  const denies = parsePolicy(policyJson).statements.filter(
    (s) => s.effect === 'Deny' && everyPrincipal(s) && onlyWithoutTls(s) && coversEveryS3Action(s),
  );
  const onBucket = denies.filter((s) => coversBucket(s, bucketArn));
  const onObjects = denies.filter((s) => coversObjects(s, bucketArn));
  if (onBucket.length === 0 || onObjects.length === 0) return { enforced: false, statements: [] };
  const labels = new Set([onBucket[0], onObjects[0]].map((s) => statementLabel(s as NormalizedStatement)));
  return { enforced: true, statements: [...labels] };
}
