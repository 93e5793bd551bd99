// Values the rules' metadata shares (parameter patterns, resource types). Plain data: no SDK,
// no evaluation code. The evaluation modules re-export what they also use.
import { list, type ParamSpec } from '../../runtime/parameters';

/** A KMS key ARN (any partition). */
export const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

/** A Glue version as `major.minor`. */
export const GLUE_VERSION = /^\d+\.\d+$/;

/** The AWS Config resource type of a Glue ML transform. */
export const ML_TRANSFORM_TYPE = 'AWS::Glue::MLTransform';

/** The AWS Config resource type of an IAM customer managed policy. */
export const IAM_POLICY_RESOURCE_TYPE = 'AWS::IAM::Policy';

/**
 * A user tag key as AWS accepts it (letters, digits, spaces and `_ . : / = + - @`, 1-128
 * characters), excluding the reserved `aws:` prefix: such a key can never be required.
 */
export const TAG_KEY = /^(?![aA][wW][sS]:)[\p{L}\p{N}\p{Z}_.:/=+\-@]{1,128}$/u;

/** The `requiredTagKeys` parameter shared by the tag rules (Security Hub Glue.1 semantics). */
export function requiredTagKeys(): ParamSpec<string[]> {
  return list(
    'Tag keys every resource must carry (comma-separated, case-sensitive); empty requires at least one user tag',
    { pattern: TAG_KEY, itemName: 'tag key (aws: keys are reserved)' },
  );
}
