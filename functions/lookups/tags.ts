import {
  paginateGetResources,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { defineLookup } from '../runtime/lookup';
import { distinctPages } from '../runtime/pages';

/** Tags by resource id (the part of the ARN after `<type>/`), e.g. a Glue job's name. */
export type TagsById = Map<string, Record<string, string>>;

/** The resource id of an ARN: what follows the first `/` of its resource part. */
export function resourceIdOfArn(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  const slash = resource.indexOf('/');
  return slash < 0 ? resource : resource.slice(slash + 1);
}

/**
 * The tags of every resource of one type (`glue:job`, `glue:mlTransform`, `glue:connection`) in
 * one paged `tag:GetResources` call, instead of one `GetTags` per resource. GetResources returns
 * only resources that are or were tagged: a resource missing from the map has no tags.
 */
export const listTagsByResourceType = defineLookup(
  'listTagsByResourceType',
  ['tag:GetResources'],
  async (aws, resourceType: string): Promise<TagsById> => {
    const client = aws.client(ResourceGroupsTaggingAPIClient);
    const byId: TagsById = new Map();
    const pages = paginateGetResources({ client, pageSize: 100 }, { ResourceTypeFilters: [resourceType] });
    // The last page carries an empty PaginationToken, which ends the listing.
    for await (const out of distinctPages('tag:GetResources', pages, (p) => p.PaginationToken || undefined)) {
      for (const mapping of out.ResourceTagMappingList ?? []) {
        if (!mapping.ResourceARN) continue;
        const tags: Record<string, string> = {};
        for (const t of mapping.Tags ?? []) if (t.Key) tags[t.Key] = t.Value ?? '';
        byId.set(resourceIdOfArn(mapping.ResourceARN), tags);
      }
    }
    return byId;
  },
);
