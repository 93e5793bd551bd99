import { listMLTransforms } from '../lookups/glue';
import { listTagsByResourceType } from '../lookups/tags';
import { defineRule } from '../runtime/rule';
import { mlTransformFromItem, mlTransformResource } from './lib/ml-transform';
import { judgeTags } from './lib/tags';
import { meta } from './meta/glue-ml-transform-tagged';

/**
 * Glue ML transforms carry tags, as in Security Hub Glue.1: without `requiredTagKeys` a
 * transform with no user tags is non-compliant; with it every listed key must be present
 * (case-sensitive). `aws:` tags never count.
 *
 * Change-triggered on AWS::Glue::MLTransform (the item carries the tags; a tag change is a
 * recorded change), so no periodic sweep. The CLI sweep reads all transforms' tags with one
 * paged `tag:GetResources` call (ResourceTypeFilters `glue:mlTransform`), not one GetTags each.
 *
 * Scenarios:
 *  1. No requiredTagKeys, the transform has no tags                 -> NON_COMPLIANT
 *  2. No requiredTagKeys, only aws: tags                            -> NON_COMPLIANT
 *  3. No requiredTagKeys, one user tag                              -> COMPLIANT
 *  4. requiredTagKeys given, one key missing                        -> NON_COMPLIANT, key named
 *  5. requiredTagKeys given, every key present                      -> COMPLIANT
 */
export const rule = defineRule({
  ...meta,
  lookups: { transforms: listMLTransforms, tags: listTagsByResourceType },
  fromConfigurationItem: mlTransformFromItem,
  async listResources({ lookups }) {
    const [transforms, tags] = await Promise.all([lookups.transforms(), lookups.tags('glue:mlTransform')]);
    return transforms.map((t) => mlTransformResource(t, tags.get(t.TransformId ?? '') ?? {}));
  },
  async evaluate(resource, { params }) {
    return judgeTags('ML transform', resource.tags, params.requiredTagKeys);
  },
});
