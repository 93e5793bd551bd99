import { DataBrewClient, type Job as DataBrewJob, paginateListJobs } from '@aws-sdk/client-databrew';
import { defineLookup } from '../runtime/lookup';
import { distinctPages } from '../runtime/pages';

export type { DataBrewJob };

/** Every DataBrew job, recipe and profile (ListJobs, paged). */
export const listDataBrewJobs = defineLookup(
  'listDataBrewJobs',
  ['databrew:ListJobs'],
  async (aws): Promise<DataBrewJob[]> => {
    const client = aws.client(DataBrewClient);
    const jobs: DataBrewJob[] = [];
    const pages = paginateListJobs({ client, pageSize: 100 }, {});
    for await (const out of distinctPages('databrew:ListJobs', pages, (p) => p.NextToken)) {
      jobs.push(...(out.Jobs ?? []));
    }
    return jobs;
  },
);
