import type { Connection } from '@aws-sdk/client-glue';
import { listConnections, listJobs } from '../lookups/glue';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { checkedJob, effectiveArgument, isSparkJob, isTrue, jobResource } from './lib/glue-job';
import { meta } from './meta/glue-job-network-isolated';

const FLAG = '--disable-proxy-v2';
/** Deprecated: routes only the S3 downloads of scripts and libraries through the VPC. */
const LEGACY_FLAG = '--disable-proxy';

/**
 * A connection places a job's network interfaces in a customer VPC when it carries physical
 * connection requirements (a subnet): every NETWORK connection, and JDBC, Kafka, MongoDB...
 * connections to data stores inside a VPC. SaaS and marketplace connections without one do not.
 */
export function isVpcConnection(c: Connection): boolean {
  return c.ConnectionType === 'NETWORK' || Boolean(c.PhysicalConnectionRequirements?.SubnetId);
}

/**
 * Glue Spark jobs that run in a customer VPC set the special argument `--disable-proxy-v2` to
 * `true`. Otherwise Glue sends the job's calls to S3 (scripts, libraries), CloudWatch
 * and Glue (Data Catalog) through a local proxy in the Glue service VPC, around the VPC's
 * endpoints, network controls and endpoint policies; Glue keeps the proxy only to publish the
 * job's CloudWatch logs (AWS Glue developer guide, "Configuring AWS calls to go through your VPC",
 * https://docs.aws.amazon.com/glue/latest/dg/connection-VPC-disable-proxy.html; Glue 2.0 and later,
 * older versions are the concern of glue-job-supported-version). The deprecated `--disable-proxy`
 * that the "FSI Services Spotlight: Featuring AWS Glue" blog names routes only the S3 downloads of
 * scripts and libraries through the VPC, so it does not isolate the job unless
 * `acceptLegacyDisableProxy` says to tolerate it during a migration. With `requireConnection`,
 * every Spark job must also run in a VPC. Arguments are read as a run receives them:
 * NonOverridableArguments win over DefaultArguments.
 *
 * Periodic as well as change-triggered: whether a job is in a VPC depends on its connections,
 * which change without the job changing (and are not recorded by Config). One GetJobs and one
 * GetConnections (passwords hidden) per sweep.
 *
 * Scenarios:
 *  1. Spark job with a NETWORK (or JDBC-in-VPC) connection, no --disable-proxy-v2   -> NON_COMPLIANT
 *  2. Same job with --disable-proxy-v2 "true"                                        -> COMPLIANT
 *  3. --disable-proxy-v2 "false"                                                     -> NON_COMPLIANT
 *  4. Job names a connection that does not exist, no --disable-proxy-v2              -> NON_COMPLIANT
 *  5. Spark job with no connection, or only non-VPC ones                             -> NOT_APPLICABLE
 *  6. requireConnection true and a Spark job without a VPC connection                -> NON_COMPLIANT
 *  7. Python shell or Ray job                                                        -> NOT_APPLICABLE
 *  8. Only the deprecated --disable-proxy "true"                                     -> NON_COMPLIANT
 *  9. Only the deprecated --disable-proxy "true", acceptLegacyDisableProxy true      -> COMPLIANT
 * 10. --disable-proxy-v2 "true" by default but "false" non-overridable             -> NON_COMPLIANT
 */
export const rule = defineRule({
  ...meta,
  lookups: { jobs: listJobs, connections: listConnections },
  async listResources({ lookups }) {
    return (await lookups.jobs()).map((job) => jobResource(job));
  },
  async evaluate(resource, { params, lookups, accountId }) {
    const job = checkedJob(resource.configuration);
    if (!isSparkJob(job)) {
      return {
        compliance: Compliance.NOT_APPLICABLE,
        annotation: `The Glue service proxy applies to Spark jobs, not ${job.Command?.Name ?? 'this job kind'}`,
      };
    }
    const names = job.Connections?.Connections ?? [];
    const byName = new Map<string, Connection>();
    if (names.length > 0) {
      for (const c of await lookups.connections(accountId)) if (c.Name) byName.set(c.Name, c);
    }
    const missing = names.filter((n) => !byName.has(n));
    const inVpc = names.filter((n) => {
      const c = byName.get(n);
      return c !== undefined && isVpcConnection(c);
    });
    if (inVpc.length === 0 && missing.length === 0) {
      return params.requireConnection
        ? { compliance: Compliance.NON_COMPLIANT, annotation: 'Spark job has no VPC connection' }
        : { compliance: Compliance.NOT_APPLICABLE, annotation: 'Job has no VPC connection' };
    }
    const value = effectiveArgument(job, FLAG);
    if (isTrue(value)) {
      return { compliance: Compliance.COMPLIANT, annotation: `Job in a VPC with ${FLAG} true` };
    }
    const legacy = isTrue(effectiveArgument(job, LEGACY_FLAG));
    if (legacy && params.acceptLegacyDisableProxy) {
      return {
        compliance: Compliance.COMPLIANT,
        annotation: `Job in a VPC with the deprecated ${LEGACY_FLAG} true (acceptLegacyDisableProxy)`,
      };
    }
    const why =
      inVpc.length > 0 ? `VPC connection ${inVpc.join(', ')}` : `unknown connection ${missing.join(', ')}`;
    if (legacy) {
      return {
        compliance: Compliance.NON_COMPLIANT,
        annotation:
          `Job uses ${why} but sets only the deprecated ${LEGACY_FLAG}, which routes only S3 ` +
          `script and library downloads through the VPC; set ${FLAG} true`,
      };
    }
    return {
      compliance: Compliance.NON_COMPLIANT,
      annotation: `Job uses ${why} but ${FLAG} is ${value === undefined ? 'not set' : JSON.stringify(value)}`,
    };
  },
});
