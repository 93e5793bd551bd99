import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { DataBrewClient } from '@aws-sdk/client-databrew';
import { EC2Client } from '@aws-sdk/client-ec2';
import { GlueClient } from '@aws-sdk/client-glue';
import { IAMClient } from '@aws-sdk/client-iam';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { scanAggregator } from '../../cli/scan-aggregator';
import { listDataBrewJobs } from '../../functions/lookups/databrew';
import { describeSubnetVpcs, listGlueVpcEndpoints } from '../../functions/lookups/ec2';
import { readExemptionParameters } from '../../functions/lookups/exemptions';
import {
  listConnections,
  listCrawlers,
  listDevEndpoints,
  listJobs,
  listMLTransforms,
  listSecurityConfigurations,
} from '../../functions/lookups/glue';
import { listCustomerManagedPolicies } from '../../functions/lookups/iam';
import { listTagsByResourceType } from '../../functions/lookups/tags';
import { type AwsClientConfig, type AwsContext, createAwsContext } from '../../functions/runtime/aws';
import { staleEvaluations } from '../../functions/runtime/config-service';
import type { AnyLookup } from '../../functions/runtime/lookup';
import { distinctPages, RepeatedPageTokenError } from '../../functions/runtime/pages';

/** Pages with the given next-page tokens; counts how many the consumer pulled. */
function fakePages(tokens: ReadonlyArray<string | undefined>) {
  const state = { pulled: 0 };
  async function* pages() {
    for (const token of tokens) {
      state.pulled += 1;
      yield { token };
    }
  }
  return { pages: pages(), state };
}

async function drain<P>(pages: AsyncIterable<P>): Promise<P[]> {
  const out: P[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('distinctPages', () => {
  it('passes every page through while the tokens are new', async () => {
    const { pages } = fakePages(['a', 'b', 'c', undefined]);
    const read = await drain(distinctPages('x:List', pages, (p) => p.token));
    expect(read.map((p) => p.token)).toEqual(['a', 'b', 'c', undefined]);
  });

  it('stops at the first repeated token, before asking for the page it names', async () => {
    const { pages, state } = fakePages(['a', 'a', 'a', 'a', 'a']);
    const read: unknown[] = [];
    const act = (async () => {
      for await (const page of distinctPages('glue:GetJobs', pages, (p) => p.token)) read.push(page);
    })();
    await expect(act).rejects.toBeInstanceOf(RepeatedPageTokenError);
    await expect(act).rejects.toThrow('glue:GetJobs answered a next-page token it had already answered');
    expect(read).toHaveLength(2);
    expect(state.pulled).toBe(2);
  });

  it('detects a cycle through several tokens, not only an immediate repeat', async () => {
    const { pages, state } = fakePages(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
    await expect(drain(distinctPages('x:List', pages, (p) => p.token))).rejects.toMatchObject({
      name: 'RepeatedPageTokenError',
      operation: 'x:List',
      pages: 4,
    });
    expect(state.pulled).toBe(4);
  });

  it('does not put the token in the message', async () => {
    const { pages } = fakePages(['opaque-token-value', 'opaque-token-value']);
    const error = await drain(distinctPages('x:List', pages, (p) => p.token)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RepeatedPageTokenError);
    expect((error as Error).message).not.toContain('opaque-token-value');
  });
});

// Past this many requests a listing is looping: the test fails instead of hanging.
const REQUEST_BUDGET = 25;

class RequestBudgetExceeded extends Error {
  override readonly name = 'RequestBudgetExceeded';
}

/**
 * A context whose client of `ctor` never reaches the network: a middleware answers every request
 * with an empty page whose next-page token (under every name the paged APIs use) is always the same.
 */
function repeatingTokenContext(ctor: new (config: AwsClientConfig) => unknown): {
  aws: AwsContext;
  requests: string[];
} {
  const aws = createAwsContext({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' },
    maxAttempts: 1,
  });
  const requests: string[] = [];
  const client = aws.client(ctor) as {
    middlewareStack: { add: (m: unknown, o: unknown) => void };
  };
  client.middlewareStack.add(
    (_next: unknown, context: { commandName?: string }) => async () => {
      requests.push(context.commandName ?? '?');
      if (requests.length > REQUEST_BUDGET) throw new RequestBudgetExceeded(`${requests.length} requests`);
      return {
        output: {
          $metadata: { httpStatusCode: 200 },
          NextToken: 'same-token',
          Marker: 'same-token',
          IsTruncated: true,
          PaginationToken: 'same-token',
        },
        response: {},
      };
    },
    { step: 'initialize', name: 'repeatingNextToken' },
  );
  return { aws, requests };
}

const pagedLookups: Array<[AnyLookup, new (config: AwsClientConfig) => unknown, unknown[]]> = [
  [listJobs, GlueClient, []],
  [listSecurityConfigurations, GlueClient, []],
  [listConnections, GlueClient, ['123456789012']],
  [listCrawlers, GlueClient, []],
  [listDevEndpoints, GlueClient, []],
  [listMLTransforms, GlueClient, []],
  [listDataBrewJobs, DataBrewClient, []],
  [describeSubnetVpcs, EC2Client, [['subnet-1']]],
  [listGlueVpcEndpoints, EC2Client, []],
  [listCustomerManagedPolicies, IAMClient, []],
  [listTagsByResourceType, ResourceGroupsTaggingAPIClient, ['glue:job']],
  [readExemptionParameters, SSMClient, ['/glue-guardrails/exemptions/glue-job-tagged']],
];

describe('a next-page token that repeats forever (issue 10)', () => {
  it.each(pagedLookups.map(([lookup, ctor, args]) => [lookup.lookupName, lookup, ctor, args] as const))(
    '%s fails with RepeatedPageTokenError after two requests',
    async (_name, lookup, ctor, args) => {
      // Prepare
      const { aws, requests } = repeatingTokenContext(ctor);
      // Act
      const act = lookup(aws, ...args);
      // Assess
      await expect(act).rejects.toBeInstanceOf(RepeatedPageTokenError);
      expect(requests).toHaveLength(2);
    },
  );

  it('the stale clean-up listing of Config evaluations fails instead of re-reading one page', async () => {
    // Prepare
    const { aws, requests } = repeatingTokenContext(ConfigServiceClient);
    // Act
    const act = staleEvaluations(aws, 'glue-job-tagged', new Set(), new Date('2026-01-01T00:00:00Z'));
    // Assess
    await expect(act).rejects.toMatchObject({
      name: 'RepeatedPageTokenError',
      operation: 'config:GetComplianceDetailsByConfigRule',
    });
    expect(requests).toEqual([
      'GetComplianceDetailsByConfigRuleCommand',
      'GetComplianceDetailsByConfigRuleCommand',
    ]);
  });

  it('the aggregator read (scan --aggregator) fails on a repeating summary token and reports a repeating detail token', async () => {
    // Prepare: STS answers the caller; Config answers one summary page, then detail pages that
    // always name the same next page.
    const aws = createAwsContext({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' },
      maxAttempts: 1,
    });
    const answer = (output: Record<string, unknown>) => ({
      output: { $metadata: { httpStatusCode: 200 }, ...output },
      response: {},
    });
    (
      aws.client(STSClient) as unknown as { middlewareStack: { add: (m: unknown, o: unknown) => void } }
    ).middlewareStack.add(
      () => async () => answer({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/auditor' }),
      { step: 'initialize', name: 'fakeCaller' },
    );
    const requests: string[] = [];
    let summaryRepeats = true;
    (
      aws.client(ConfigServiceClient) as unknown as {
        middlewareStack: { add: (m: unknown, o: unknown) => void };
      }
    ).middlewareStack.add(
      (_next: unknown, context: { commandName?: string }) => async () => {
        requests.push(context.commandName ?? '?');
        if (requests.length > REQUEST_BUDGET) throw new RequestBudgetExceeded(`${requests.length} requests`);
        if (context.commandName === 'DescribeAggregateComplianceByConfigRulesCommand') {
          const row = {
            ConfigRuleName: 'glue-job-tagged',
            AccountId: '111111111111',
            AwsRegion: 'eu-west-1',
          };
          return answer({
            AggregateComplianceByConfigRules: [row],
            ...(summaryRepeats ? { NextToken: 'same-token' } : {}),
          });
        }
        return answer({ AggregateEvaluationResults: [], NextToken: 'same-token' });
      },
      { step: 'initialize', name: 'repeatingNextToken' },
    );

    // Act
    const summary = scanAggregator(aws, { aggregator: 'org' });
    await expect(summary).rejects.toMatchObject({
      name: 'RepeatedPageTokenError',
      operation: 'config:DescribeAggregateComplianceByConfigRules',
    });
    const summaryRequests = requests.length;
    summaryRepeats = false;
    const report = await scanAggregator(aws, { aggregator: 'org' });

    // Assess
    expect(summaryRequests).toBe(2);
    expect(report.evaluations).toMatchObject([
      {
        account: '111111111111',
        region: 'eu-west-1',
        rule: 'glue-job-tagged',
        compliance: 'ERROR',
        error: expect.stringContaining(
          'config:GetAggregateComplianceDetailsByConfigRule answered a next-page token',
        ),
      },
    ]);
    expect(requests.slice(summaryRequests)).toEqual([
      'DescribeAggregateComplianceByConfigRulesCommand',
      'GetAggregateComplianceDetailsByConfigRuleCommand',
      'GetAggregateComplianceDetailsByConfigRuleCommand',
    ]);
  });

  it('every paged listing in product code goes through distinctPages, none through a hand-written loop', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const files = ['functions', 'cli', 'infra', 'remediation', 'scripts', 'bench'].flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(dir, f)),
    );
    const offenders: string[] = [];
    let paginatorCalls = 0;
    for (const file of files) {
      // Code only: doc comments may show a paginator call.
      const text = readFileSync(join(root, file), 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
        .join('\n');
      const calls = text.match(/\bpaginate[A-Z]\w*\(/g)?.length ?? 0;
      const guarded = text.match(/\bdistinctPages\(/g)?.length ?? 0;
      paginatorCalls += calls;
      if (calls > guarded) offenders.push(`${file}: ${calls} paginator(s), ${guarded} distinctPages`);
      if (/while \((NextToken|Marker|PaginationToken|ContinuationToken)\)/.test(text)) {
        offenders.push(`${file}: hand-written paging loop`);
      }
    }
    expect(offenders).toEqual([]);
    // The 12 lookups above (subnets and VPC endpoints in one file), the stale clean-up and the
    // aggregator read's two listings and the organization's accounts (cli/scan-scope.ts).
    expect(paginatorCalls).toBe(pagedLookups.length + 4);
  });
});
