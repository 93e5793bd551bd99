import { type DataBrewJob, listDataBrewJobs } from '../lookups/databrew';
import { offenderVerdict } from '../runtime/evaluations';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { meta } from './meta/databrew-job-output-encrypted';

/**
 * Every AWS Glue DataBrew job (recipe and profile) encrypts the output it writes to S3: its
 * EncryptionMode is SSE-KMS or SSE-S3; with `requireKms`, SSE-KMS only. The FSI Glue approval
 * blog asks for server-side encryption to be passed to DataBrew jobs.
 *
 * DataBrew is not recorded by AWS Config: periodic, one verdict against the account naming the
 * offenders, from one paged ListJobs per sweep.
 *
 * Scenarios:
 *  1. No DataBrew jobs                                              -> NOT_APPLICABLE
 *  2. A job without EncryptionMode                                  -> NON_COMPLIANT, named
 *  3. SSE-S3 and requireKms false                                   -> COMPLIANT
 *  4. SSE-S3 and requireKms true                                    -> NON_COMPLIANT, named
 *  5. Every job SSE-KMS and requireKms true                         -> COMPLIANT
 *  6. Many offenders                                                -> annotation truncated, all in offenders
 */
export const rule = defineRule({
  ...meta,
  lookups: { jobs: listDataBrewJobs },
  async evaluate({ params, lookups }) {
    const jobs = await lookups.jobs();
    if (jobs.length === 0) {
      return {
        compliance: Compliance.NOT_APPLICABLE,
        annotation: 'No DataBrew jobs in this account and region',
      };
    }
    const accepted = params.requireKms ? ['SSE-KMS'] : ['SSE-KMS', 'SSE-S3'];
    const offenders = jobs
      .filter((j: DataBrewJob) => !accepted.includes(j.EncryptionMode ?? ''))
      .map((j) => j.Name ?? '(unnamed)')
      .sort();
    const wanted = params.requireKms ? 'SSE-KMS' : 'an encryption mode';
    return offenderVerdict(jobs.length, offenders, {
      offending: (n, total) => `${n} of ${total} DataBrew jobs lack ${wanted}`,
      compliant: (total) => `All ${total} DataBrew jobs use ${wanted}`,
    });
  },
});
