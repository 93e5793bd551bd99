import {
  ConfigServiceClient,
  type EvaluationResult,
  PutEvaluationsCommand,
  paginateGetComplianceDetailsByConfigRule,
  type Evaluation as SdkEvaluation,
} from '@aws-sdk/client-config-service';
import type { AwsContext } from './aws';
import { resourceKey } from './engine';
import { isAccessDenied, MissingPermissionError, PutEvaluationsError } from './errors';
import { buildEvaluation } from './evaluations';
import { distinctPages } from './pages';
import { Compliance, type Evaluation } from './types';

export const PUT_EVALUATIONS_LIMIT = 100;
/** rdklib's convention: this result token means "validate, store nothing". */
export const TEST_MODE_TOKEN = 'TESTMODE';

export interface PutOptions {
  /** Retries of FailedEvaluations before giving up (default 3). */
  retries?: number;
  /** Base back-off in ms, doubled each retry (default 200). */
  backoffMs?: number;
}

/**
 * Sends evaluations in chunks of 100. An empty list is still sent once (Config then knows the
 * run completed). FailedEvaluations are retried with back-off, then raised, never dropped.
 */
export async function putEvaluations(
  aws: AwsContext,
  evaluations: Evaluation[],
  resultToken: string,
  options: PutOptions = {},
): Promise<void> {
  const client = aws.client(ConfigServiceClient);
  const retries = options.retries ?? 3;
  const backoff = options.backoffMs ?? 200;
  const chunks: Evaluation[][] = [];
  for (let i = 0; i < evaluations.length; i += PUT_EVALUATIONS_LIMIT) {
    chunks.push(evaluations.slice(i, i + PUT_EVALUATIONS_LIMIT));
  }
  if (chunks.length === 0) chunks.push([]);
  for (const chunk of chunks) {
    let pending: SdkEvaluation[] = chunk;
    for (let attempt = 0; ; attempt++) {
      const out = await send(client, pending, resultToken);
      const failed = out.FailedEvaluations ?? [];
      if (failed.length === 0) break;
      if (attempt >= retries) {
        const ids = failed.map((f) => `${f.ComplianceResourceType} ${f.ComplianceResourceId}`).join(', ');
        throw new PutEvaluationsError(
          `AWS Config rejected ${failed.length} evaluation(s) after ${retries} retries: ${ids}`,
        );
      }
      pending = failed.map((f) => ({ ...f, OrderingTimestamp: f.OrderingTimestamp ?? new Date() }));
      await new Promise((r) => setTimeout(r, backoff * 2 ** attempt));
    }
  }
}

async function send(client: ConfigServiceClient, evaluations: SdkEvaluation[], resultToken: string) {
  try {
    return await client.send(
      new PutEvaluationsCommand({
        Evaluations: evaluations,
        ResultToken: resultToken,
        TestMode: resultToken === TEST_MODE_TOKEN,
      }),
    );
  } catch (error) {
    if (isAccessDenied(error)) throw new MissingPermissionError(['config:PutEvaluations'], error);
    throw error;
  }
}

/**
 * Periodic clean-up (rdklib `clean_up_old_evaluations`): every resource this rule evaluated
 * before that no longer exists is reported NOT_APPLICABLE with its old resource type. Run on
 * scheduled notifications only; `present` holds every resource that exists now.
 */
export async function staleEvaluations(
  aws: AwsContext,
  configRuleName: string,
  present: ReadonlySet<string>,
  orderingTimestamp: Date,
): Promise<Evaluation[]> {
  const client = aws.client(ConfigServiceClient);
  const stale: Evaluation[] = [];
  const pages = paginateGetComplianceDetailsByConfigRule(
    { client, pageSize: 100 },
    {
      ConfigRuleName: configRuleName,
      ComplianceTypes: [Compliance.COMPLIANT, Compliance.NON_COMPLIANT],
    },
  );
  try {
    for await (const out of distinctPages(
      'config:GetComplianceDetailsByConfigRule',
      pages,
      (p) => p.NextToken,
    )) {
      staleOfPage(out.EvaluationResults ?? [], present, orderingTimestamp, stale);
    }
  } catch (error) {
    if (isAccessDenied(error))
      throw new MissingPermissionError(['config:GetComplianceDetailsByConfigRule'], error);
    throw error;
  }
  return stale;
}

function staleOfPage(
  results: readonly EvaluationResult[],
  present: ReadonlySet<string>,
  orderingTimestamp: Date,
  stale: Evaluation[],
): void {
  for (const result of results) {
    const q = result.EvaluationResultIdentifier?.EvaluationResultQualifier;
    if (!q?.ResourceType || !q.ResourceId) continue;
    if (present.has(resourceKey(q.ResourceType, q.ResourceId))) continue;
    stale.push(
      buildEvaluation(
        q.ResourceType,
        q.ResourceId,
        Compliance.NOT_APPLICABLE,
        'The resource no longer exists',
        orderingTimestamp,
      ),
    );
  }
}
