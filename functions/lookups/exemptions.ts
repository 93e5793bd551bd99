import { GetTagsCommand, GlueClient } from '@aws-sdk/client-glue';
import { paginateGetParametersByPath, SSMClient } from '@aws-sdk/client-ssm';
import { defineLookup } from '../runtime/lookup';
import { distinctPages } from '../runtime/pages';

/**
 * The values of the parameters directly under `path` (GetParametersByPath, not recursive,
 * paged), sorted by parameter name: the chunks of one rule's exemption list, which the stack
 * writes as `<path>/000`, `<path>/001`, ... (each a JSON array under the standard tier's 4 KB).
 * IAM authorizes GetParametersByPath against the path itself, so the rule's role is granted
 * exactly that path.
 */
export const readExemptionParameters = defineLookup(
  'readExemptionParameters',
  ['ssm:GetParametersByPath'],
  async (aws, path: string): Promise<Array<{ name: string; value: string }>> => {
    const client = aws.client(SSMClient);
    const out: Array<{ name: string; value: string }> = [];
    const pages = paginateGetParametersByPath({ client, pageSize: 10 }, { Path: path, Recursive: false });
    for await (const page of distinctPages('ssm:GetParametersByPath', pages, (p) => p.NextToken)) {
      for (const p of page.Parameters ?? []) {
        if (p.Name && p.Value !== undefined) out.push({ name: p.Name, value: p.Value });
      }
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  },
);

/** The tags of one Glue resource by ARN (GetTags): a swept job's or ML transform's exemption tag. */
export const getGlueTags = defineLookup(
  'getGlueTags',
  ['glue:GetTags'],
  async (aws, arn: string): Promise<Record<string, string>> => {
    const out = await aws.client(GlueClient).send(new GetTagsCommand({ ResourceArn: arn }));
    return { ...(out.Tags ?? {}) };
  },
);
