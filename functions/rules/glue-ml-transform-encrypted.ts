import { listMLTransforms, type MLTransform } from '../lookups/glue';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { mlTransformFromItem, mlTransformResource } from './lib/ml-transform';
import { meta } from './meta/glue-ml-transform-encrypted';

/**
 * Glue ML transforms (FindMatches) encrypt the user data they keep (labels, training data)
 * with SSE-KMS: `TransformEncryption.MlUserDataEncryption.MlUserDataEncryptionMode`. A
 * transform without TransformEncryption keeps it unencrypted by a customer key.
 *
 * Change-triggered on AWS::Glue::MLTransform; the recorded item has the CloudFormation shape
 * and is mapped to the API's by `fromConfigurationItem`. The verdict depends only on the
 * transform, so there is no periodic sweep (the CLI lists every transform).
 *
 * Scenarios:
 *  1. No TransformEncryption                                          -> NON_COMPLIANT
 *  2. MlUserDataEncryptionMode DISABLED                               -> NON_COMPLIANT
 *  3. SSE-KMS with a key                                              -> COMPLIANT
 *  4. A recorded item (CloudFormation casing MLUserDataEncryption)    -> judged like the API shape
 */
export const rule = defineRule({
  ...meta,
  lookups: { transforms: listMLTransforms },
  fromConfigurationItem: mlTransformFromItem,
  async listResources({ lookups }) {
    return (await lookups.transforms()).map((t) => mlTransformResource(t));
  },
  async evaluate(resource) {
    const userData = (resource.configuration as MLTransform).TransformEncryption?.MlUserDataEncryption;
    const mode = userData?.MlUserDataEncryptionMode ?? 'not configured';
    if (mode !== 'SSE-KMS') {
      return { compliance: Compliance.NON_COMPLIANT, annotation: `ML user data encryption is ${mode}` };
    }
    return {
      compliance: Compliance.COMPLIANT,
      annotation: `ML user data encrypted with SSE-KMS (${userData?.KmsKeyId ?? 'key not reported'})`,
    };
  },
});
