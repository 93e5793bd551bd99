import {
  type AutomationExecutionMetadata,
  DescribeAutomationExecutionsCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { type AwsContext, createAwsContext } from '../../functions/runtime/aws';
import { errorMessage } from '../../functions/runtime/errors';
import { defaultRecordFile, readRecords } from '../../remediation/runner/records';
import { mapLimit } from '../concurrency';
import type { DeployedExecution, DeployedExecutions, LocalExecutions } from './model';

/** Executions listed per document and region: the most recent page SSM returns. */
export const EXECUTIONS_PER_DOCUMENT = 20;
/** Local records shown, newest first. */
export const LOCAL_RECORDS_SHOWN = 100;

/**
 * Why a DescribeAutomationExecutions call failed, in one line. An endpoint that does not implement
 * the action (moto answers HTTP 500 with an HTML page, which the SDK cannot parse) is named as such.
 */
export function describeFailure(error: unknown): string {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  const message = errorMessage(error);
  if (status === 500 && /deserializ|<!doctype|<html|Unexpected token|not valid JSON/i.test(message))
    return 'the endpoint does not implement DescribeAutomationExecutions (HTTP 500, not an AWS answer)';
  return message.split('\n')[0] ?? message;
}

const iso = (d: Date | undefined): string | undefined => (d ? d.toISOString() : undefined);

function toDeployed(m: AutomationExecutionMetadata, region: string): DeployedExecution {
  const x: DeployedExecution = {
    executionId: m.AutomationExecutionId ?? '',
    document: m.DocumentName ?? '',
    status: m.AutomationExecutionStatus ?? 'Unknown',
    region,
  };
  const start = iso(m.ExecutionStartTime);
  if (start) x.startTime = start;
  const end = iso(m.ExecutionEndTime);
  if (end) x.endTime = end;
  const target = m.Target ?? m.ResolvedTargets?.ParameterValues?.join(', ');
  if (target) x.target = target;
  if (m.FailureMessage) x.failureMessage = m.FailureMessage;
  return x;
}

/**
 * The deployed suite's recent Automation executions: DescribeAutomationExecutions filtered by each
 * document's name (`<namePrefix><document>`), in each region, newest first. A failed listing is
 * reported by region and document, never taken for "no execution".
 */
export async function readDeployedExecutions(
  aws: AwsContext,
  options: { documents: readonly string[]; namePrefix: string; regions: readonly string[] },
): Promise<DeployedExecutions> {
  const regions = options.regions.length > 0 ? [...new Set(options.regions)] : [aws.config.region];
  const documents = [...new Set(options.documents)].map((d) => `${options.namePrefix}${d}`);
  if (documents.length === 0)
    return { state: 'not-read', reason: 'none of the rules has a remediation document' };
  const pairs = regions.flatMap((region) => documents.map((document) => ({ region, document })));
  const contexts = new Map<string, AwsContext>();
  const clientFor = (region: string): SSMClient => {
    let ctx = contexts.get(region);
    if (!ctx) {
      ctx = region === aws.config.region ? aws : createAwsContext({ ...aws.config, region });
      contexts.set(region, ctx);
    }
    return ctx.client(SSMClient);
  };
  const results = await mapLimit(pairs, 4, async ({ region, document }) => {
    try {
      const page = await clientFor(region).send(
        new DescribeAutomationExecutionsCommand({
          Filters: [{ Key: 'DocumentNamePrefix', Values: [document] }],
          MaxResults: EXECUTIONS_PER_DOCUMENT,
        }),
      );
      // A prefix also matches longer names: keep this document's executions only.
      const executions = (page.AutomationExecutionMetadataList ?? [])
        .filter((m) => m.DocumentName === document)
        .map((m) => toDeployed(m, region));
      return { executions };
    } catch (error) {
      return { error: `${region} ${document}: ${describeFailure(error)}` };
    }
  });
  const executions = results
    .flatMap((r) => r.executions ?? [])
    .sort((a, b) =>
      (a.startTime ?? '') < (b.startTime ?? '') ? 1 : (a.startTime ?? '') > (b.startTime ?? '') ? -1 : 0,
    );
  return { state: 'read', executions, errors: results.flatMap((r) => r.error ?? []), regions };
}

/** The local runner's records (remediation/runner/records.ts) about these accounts, newest first. */
export function readLocalExecutions(
  accounts: readonly string[],
  file: string = defaultRecordFile(),
): LocalExecutions {
  const { records, skipped } = readRecords(file);
  const wanted = new Set(accounts);
  const mine = wanted.size > 0 ? records.filter((r) => wanted.has(r.account)) : records;
  return {
    file,
    records: mine.slice(0, LOCAL_RECORDS_SHOWN),
    otherAccounts: records.length - mine.length,
    skipped,
  };
}
