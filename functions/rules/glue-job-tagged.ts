import { listJobs } from '../lookups/glue';
import { listTagsByResourceType } from '../lookups/tags';
import { defineRule } from '../runtime/rule';
import { jobResource } from './lib/glue-job';
import { judgeTags } from './lib/tags';
import { meta } from './meta/glue-job-tagged';

/**
 * Glue jobs carry tags for ownership and tag-based access control, as in Security Hub Glue.1:
 * without `requiredTagKeys` a job with no user tags is non-compliant; with it every listed key
 * must be present (case-sensitive). `aws:` tags never count.
 *
 * Change-triggered: a configuration item carries the job's tags, and a tag change is a recorded
 * change, so no periodic sweep is needed. The CLI sweep reads every job's tags with one paged
 * `tag:GetResources` call (ResourceTypeFilters `glue:job`) rather than one `glue:GetTags` per job.
 *
 * Scenarios:
 *  1. No requiredTagKeys, the job has no tags                       -> NON_COMPLIANT
 *  2. No requiredTagKeys, only aws: tags (aws:cloudformation:...)   -> NON_COMPLIANT
 *  3. No requiredTagKeys, one user tag                              -> COMPLIANT
 *  4. requiredTagKeys given, one key missing                        -> NON_COMPLIANT, key named
 *  5. requiredTagKeys given, every key present                      -> COMPLIANT
 *  6. Keys are case-sensitive (Owner does not satisfy owner)        -> NON_COMPLIANT
 *  7. requiredTagKeys lists an aws: key                             -> parameter error naming it
 */
export const rule = defineRule({
  ...meta,
  lookups: { jobs: listJobs, tags: listTagsByResourceType },
  async listResources({ lookups }) {
    const [jobs, tags] = await Promise.all([lookups.jobs(), lookups.tags('glue:job')]);
    return jobs.map((job) => jobResource(job, tags.get(job.Name ?? '') ?? {}));
  },
  async evaluate(resource, { params }) {
    return judgeTags('Job', resource.tags, params.requiredTagKeys);
  },
});
