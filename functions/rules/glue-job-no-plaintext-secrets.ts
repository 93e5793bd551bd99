import { listJobs } from '../lookups/glue';
import { describeOffenders } from '../runtime/evaluations';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { checkedJob, jobResource } from './lib/glue-job';
import { findPlaintextSecrets } from './lib/secrets';
import { meta } from './meta/glue-job-no-plaintext-secrets';

/**
 * Glue job arguments (DefaultArguments, NonOverridableArguments) hold no credentials in plain
 * text: they are readable by anyone with glue:GetJob, recorded by AWS Config and may be logged
 * (the Glue API reference warns not to pass secrets as arguments; use Secrets Manager or a
 * connection). An argument is flagged by its key (`--password`, `--db_password`, `--secret`,
 * `--token`, `--api_key`...; `--secret_id`, `--secret-name`, `--secrets-manager-arn` are
 * references and pass) and by its value's shape (AWS access key ids AKIA/ASIA, private key
 * blocks, `scheme://user:pass@host` and `password=` connection strings, Hadoop's
 * `s3a://key:secret@bucket`, tokens). Value shapes are judged first, whatever the value starts
 * with. A credential-named key passes only with a Secrets Manager / SSM ARN or a dynamic
 * reference; an S3 URL under such a key is flagged (`--password s3://hunter2` is a literal, and an
 * S3 object is no secret store): a key that points at a file says so (`--password-file`).
 *
 * The annotation and offenders name the argument KEY, never its value. The verdict depends only
 * on the job, whose every change Config records: no periodic sweep.
 *
 * Scenarios:
 *  1. Ordinary arguments only (or none)                                    -> COMPLIANT
 *  2. A credential-named key with a literal value (--db_password)          -> NON_COMPLIANT, key named
 *  3. Reference keys (--secret_id, --secret-name, --secrets-manager-arn)    -> COMPLIANT
 *  4. A credential-named key holding a Secrets Manager ARN                  -> COMPLIANT
 *  5. An innocuous key holding an AWS access key id (AKIA/ASIA)             -> NON_COMPLIANT
 *  6. A value holding a private key block                                   -> NON_COMPLIANT
 *  7. A connection string with embedded credentials (://user:pass@)         -> NON_COMPLIANT
 *  8. The secret sits in NonOverridableArguments                            -> NON_COMPLIANT, map named
 *  9. No value ever appears in the annotation                               -> keys only
 * 10. An S3 URL carrying credentials (s3a://key:secret@bucket)             -> NON_COMPLIANT, key named
 * 11. A credential-named key holding an S3 URL (--password s3://...)        -> NON_COMPLIANT
 */
export const rule = defineRule({
  ...meta,
  lookups: { jobs: listJobs },
  async listResources({ lookups }) {
    return (await lookups.jobs()).map((job) => jobResource(job));
  },
  async evaluate(resource) {
    const job = checkedJob(resource.configuration);
    const found = findPlaintextSecrets({
      DefaultArguments: job.DefaultArguments,
      NonOverridableArguments: job.NonOverridableArguments,
    });
    if (found.length === 0) {
      return {
        compliance: Compliance.COMPLIANT,
        annotation: 'No job argument looks like a plaintext secret',
      };
    }
    const offenders = found.map((f) => `${f.map} ${f.key}`);
    return {
      compliance: Compliance.NON_COMPLIANT,
      annotation: describeOffenders(
        found.length === 1
          ? `Argument ${found[0]?.reason}`
          : `${found.length} arguments look like plaintext secrets`,
        offenders,
      ),
      offenders,
    };
  },
});
