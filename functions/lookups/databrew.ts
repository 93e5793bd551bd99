import { DataBrewClient, type Job as DataBrewJob, ListJobsCommand } from '@aws-sdk/client-databrew';
import { defineLookup } from '../runtime/lookup';

export type { DataBrewJob };

/** Every DataBrew job, recipe and profile (ListJobs, paged). */
export const listDataBrewJobs = defineLookup(
  'listDataBrewJobs',
  ['databrew:ListJobs'],
  async (aws): Promise<DataBrewJob[]> => {
    const databrew = aws.client(DataBrewClient);
    const jobs: DataBrewJob[] = [];
    let NextToken: string | undefined;
    do {
      const out = await databrew.send(new ListJobsCommand({ NextToken, MaxResults: 100 }));
      jobs.push(...(out.Jobs ?? []));
      NextToken = out.NextToken;
    } while (NextToken);
    return jobs;
  },
);
