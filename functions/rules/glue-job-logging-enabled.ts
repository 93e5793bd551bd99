import { listJobs } from '../lookups/glue';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import {
  checkedJob,
  compareGlueVersions,
  effectiveArgument,
  isSparkJob,
  isTrue,
  jobResource,
} from './lib/glue-job';
import { meta } from './meta/glue-job-logging-enabled';

const FLAG = '--enable-continuous-cloudwatch-log';

/**
 * Glue Spark jobs log to CloudWatch continuously, so a run's driver and executor logs survive
 * a failed or killed run. Up to Glue 4.0 that takes the job argument
 * `--enable-continuous-cloudwatch-log = true`. From Glue 5.0 every job logs to CloudWatch in
 * real time (`/aws-glue/jobs/error` and `/aws-glue/jobs/output`) and the argument no longer
 * applies, so 5.0 and later are compliant without it: "Logging for AWS Glue jobs",
 * https://docs.aws.amazon.com/glue/latest/dg/monitor-continuous-logging.html, and the note on
 * https://docs.aws.amazon.com/glue/latest/dg/monitor-continuous-logging-enable.html. A Spark job
 * without GlueVersion runs on the API default (0.9) and is judged like 4.0 and earlier.
 * Continuous logging is a Spark feature: Python shell and Ray jobs are not judged.
 *
 * The verdict depends only on the job itself, whose every change Config records: no periodic
 * sweep (the CLI `scan` still lists every job).
 * Remediation is automatic: it only adds a job argument that sends more logs to CloudWatch.
 *
 * Scenarios:
 *  1. Spark job (Glue 4.0 or earlier, or no GlueVersion) without the argument -> NON_COMPLIANT
 *  2. The argument is "false"                                                 -> NON_COMPLIANT
 *  3. The argument is "true" in DefaultArguments                              -> COMPLIANT
 *  4. NonOverridableArguments sets it "false" over a "true" default           -> NON_COMPLIANT
 *  5. Glue 5.0 or later without the argument (real-time logging built in)    -> COMPLIANT
 *  6. Python shell or Ray job                                                 -> NOT_APPLICABLE
 */
export const rule = defineRule({
  ...meta,
  lookups: { jobs: listJobs },
  async listResources({ lookups }) {
    return (await lookups.jobs()).map((job) => jobResource(job));
  },
  async evaluate(resource) {
    const job = checkedJob(resource.configuration);
    if (!isSparkJob(job)) {
      return {
        compliance: Compliance.NOT_APPLICABLE,
        annotation: `Continuous logging applies to Spark jobs, not ${job.Command?.Name ?? 'this job kind'}`,
      };
    }
    const version = job.GlueVersion;
    if (version && compareGlueVersions(version, '5.0') >= 0) {
      return {
        compliance: Compliance.COMPLIANT,
        annotation: `Glue ${version} logs to CloudWatch in real time`,
      };
    }
    const value = effectiveArgument(job, FLAG);
    if (isTrue(value)) {
      return { compliance: Compliance.COMPLIANT, annotation: 'Continuous CloudWatch logging is enabled' };
    }
    return {
      compliance: Compliance.NON_COMPLIANT,
      annotation:
        value === undefined
          ? `Continuous CloudWatch logging is off (${FLAG} not set, Glue ${version ?? '0.9 default'})`
          : `Continuous CloudWatch logging is off (${FLAG} = ${JSON.stringify(value)})`,
    };
  },
});
