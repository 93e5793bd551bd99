import type { Job } from '@aws-sdk/client-glue';
import {
  optionalArray,
  optionalRecord,
  optionalString,
  optionalStringMap,
  requireRecord,
} from '../../runtime/shape';
import type { RuleResource } from '../../runtime/types';

/** Spark job kinds (`Command.Name`); `pythonshell` and `glueray` jobs are not Spark. */
export const SPARK_COMMANDS: readonly string[] = ['glueetl', 'gluestreaming'];

export function isSparkJob(job: Job): boolean {
  return SPARK_COMMANDS.includes(job.Command?.Name ?? '');
}

/**
 * The value a job run receives for a special argument: NonOverridableArguments win over
 * DefaultArguments (a run cannot override them).
 */
export function effectiveArgument(job: Job, key: string): string | undefined {
  return job.NonOverridableArguments?.[key] ?? job.DefaultArguments?.[key];
}

/** True when an argument is the string `true` (Glue compares case-insensitively). */
export function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

/** Glue versions `major.minor`, compared numerically ("10.0" is above "5.0"). */
export { GLUE_VERSION } from '../meta/shared';

/** Negative, zero or positive as version a is below, equal to or above version b. */
export function compareGlueVersions(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am !== bm ? am - bm : an - bn;
}

/** A swept job as a resource rule evaluates it, reported as `AWS::Glue::Job` by name. */
export function jobResource(job: Job, tags?: Record<string, string>): RuleResource<Job> {
  const resource: RuleResource<Job> = {
    resourceType: 'AWS::Glue::Job',
    resourceId: job.Name ?? '',
    configuration: job,
  };
  if (tags) resource.tags = tags;
  return resource;
}

/**
 * A job's configuration (from a configuration item or a listing) checked for the shape the job
 * rules read: an object whose argument maps are string maps and whose `Command`, `Connections`,
 * `GlueVersion` and `SecurityConfiguration` have their documented types. A wrong shape throws a
 * ConfigurationShapeError naming the field, so the job is never judged from missing fields.
 */
export function checkedJob(configuration: unknown): Job {
  const job = requireRecord(configuration, 'configuration');
  optionalStringMap(job.DefaultArguments, 'DefaultArguments');
  optionalStringMap(job.NonOverridableArguments, 'NonOverridableArguments');
  const command = optionalRecord(job.Command, 'Command');
  optionalString(command?.Name, 'Command.Name');
  const connections = optionalRecord(job.Connections, 'Connections');
  for (const [i, name] of (
    optionalArray(connections?.Connections, 'Connections.Connections') ?? []
  ).entries()) {
    optionalString(name, `Connections.Connections[${i}]`);
  }
  optionalString(job.GlueVersion, 'GlueVersion');
  optionalString(job.SecurityConfiguration, 'SecurityConfiguration');
  return job as Job;
}
