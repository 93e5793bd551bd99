import { listJobs } from '../lookups/glue';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { checkedJob, compareGlueVersions, GLUE_VERSION, isSparkJob, jobResource } from './lib/glue-job';
import { meta } from './meta/glue-job-supported-version';

/**
 * Glue Spark jobs (`glueetl`, `gluestreaming`) run on a Glue version at or above
 * `minimumGlueVersion`, so they get the runtime's security fixes (AWS Glue version support
 * policy). As in Security Hub Glue.4, a Spark job with no GlueVersion is non-compliant: it runs
 * on the oldest default. Python shell and Ray jobs have their own runtimes and are not judged.
 *
 * The verdict depends only on the job, whose every change Config records: no periodic sweep
 * (the CLI `scan` still lists every job).
 *
 * Scenarios:
 *  1. Spark ETL job below minimumGlueVersion (2.0 < 3.0)                    -> NON_COMPLIANT
 *  2. Spark job with no GlueVersion                                        -> NON_COMPLIANT
 *  3. Spark job at the minimum (3.0), or above it (4.0, 5.0)                -> COMPLIANT
 *  4. Streaming job judged the same way (1.0 with minimum 4.0)              -> NON_COMPLIANT
 *  5. Python shell or Ray job, whatever its version                        -> NOT_APPLICABLE
 *  6. Versions compare numerically (10.0 is above the minimum 5.0)          -> COMPLIANT
 *  7. minimumGlueVersion not in major.minor form                           -> parameter error naming it
 */
export const rule = defineRule({
  ...meta,
  lookups: { jobs: listJobs },
  async listResources({ lookups }) {
    return (await lookups.jobs()).map((job) => jobResource(job));
  },
  async evaluate(resource, { params }) {
    const job = checkedJob(resource.configuration);
    if (!isSparkJob(job)) {
      return {
        compliance: Compliance.NOT_APPLICABLE,
        annotation: `Only Spark jobs are judged, not ${job.Command?.Name ?? 'this job kind'}`,
      };
    }
    const minimum = params.minimumGlueVersion ?? '3.0';
    const version = job.GlueVersion?.trim();
    if (!version) {
      return {
        compliance: Compliance.NON_COMPLIANT,
        annotation: `Spark job has no GlueVersion (minimum ${minimum})`,
      };
    }
    if (!GLUE_VERSION.test(version) || compareGlueVersions(version, minimum) < 0) {
      return {
        compliance: Compliance.NON_COMPLIANT,
        annotation: `Glue ${version} is below the minimum ${minimum}`,
      };
    }
    return { compliance: Compliance.COMPLIANT, annotation: `Glue ${version} (minimum ${minimum})` };
  },
});
