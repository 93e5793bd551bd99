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
import { Compliance, type ComplianceType, type Evaluation } from './types';

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
 * One result AWS Config holds for the rule, as GetComplianceDetailsByConfigRule returns it.
 * `recordedAt` is the earlier of EvaluationResult.ResultRecordedTime ("the time when AWS Config
 * recorded the evaluation result", https://docs.aws.amazon.com/config/latest/APIReference/API_EvaluationResult.html)
 * and its identifier's OrderingTimestamp (for a periodic evaluation, "when Config triggered the
 * evaluation", API_Evaluation.html); undefined when neither came back.
 */
export interface StoredResult {
  resourceType: string;
  resourceId: string;
  compliance: string | undefined;
  annotation: string | undefined;
  recordedAt: Date | undefined;
}

/**
 * Every result of these types (default COMPLIANT and NON_COMPLIANT) AWS Config holds for the rule,
 * keyed by `type|id`: the listing that periodic clean-up pages through. One listing serves both
 * clean-up and the "only changed" filter of a sweep (see `changedEvaluations`), which also reads
 * NOT_APPLICABLE results so that an unchanged NOT_APPLICABLE verdict is not put again either.
 */
export async function storedResults(
  aws: AwsContext,
  configRuleName: string,
  complianceTypes: readonly ComplianceType[] = [Compliance.COMPLIANT, Compliance.NON_COMPLIANT],
): Promise<Map<string, StoredResult>> {
  const client = aws.client(ConfigServiceClient);
  const stored = new Map<string, StoredResult>();
  const pages = paginateGetComplianceDetailsByConfigRule(
    { client, pageSize: 100 },
    {
      ConfigRuleName: configRuleName,
      ComplianceTypes: [...complianceTypes],
    },
  );
  try {
    for await (const out of distinctPages(
      'config:GetComplianceDetailsByConfigRule',
      pages,
      (p) => p.NextToken,
    )) {
      for (const result of out.EvaluationResults ?? []) addResult(result, stored);
    }
  } catch (error) {
    if (isAccessDenied(error))
      throw new MissingPermissionError(['config:GetComplianceDetailsByConfigRule'], error);
    throw error;
  }
  return stored;
}

function addResult(result: EvaluationResult, stored: Map<string, StoredResult>): void {
  const id = result.EvaluationResultIdentifier;
  const q = id?.EvaluationResultQualifier;
  if (!q?.ResourceType || !q.ResourceId) return;
  const times = [result.ResultRecordedTime, id?.OrderingTimestamp].filter(
    (t): t is Date => t instanceof Date && !Number.isNaN(t.getTime()),
  );
  stored.set(resourceKey(q.ResourceType, q.ResourceId), {
    resourceType: q.ResourceType,
    resourceId: q.ResourceId,
    compliance: result.ComplianceType,
    annotation: result.Annotation,
    // The earlier of the two: a result is never taken for younger than either time says. A
    // sweep's OrderingTimestamp is its notification time, so daily sweeps age results by exactly
    // 24 hours each (ResultRecordedTime lands seconds later and would add a day to every cycle).
    recordedAt: times.length === 0 ? undefined : new Date(Math.min(...times.map((t) => t.getTime()))),
  });
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
  return staleOf(await storedResults(aws, configRuleName), present, orderingTimestamp);
}

/** The clean-up of `staleEvaluations`, from a listing already read. */
export function staleOf(
  stored: ReadonlyMap<string, StoredResult>,
  present: ReadonlySet<string>,
  orderingTimestamp: Date,
): Evaluation[] {
  const stale: Evaluation[] = [];
  for (const [key, result] of stored) {
    // Already NOT_APPLICABLE (a listing that includes them): nothing to clear.
    if (present.has(key) || result.compliance === Compliance.NOT_APPLICABLE) continue;
    stale.push(
      buildEvaluation(
        result.resourceType,
        result.resourceId,
        Compliance.NOT_APPLICABLE,
        'The resource no longer exists',
        orderingTimestamp,
      ),
    );
  }
  return stale;
}

/**
 * The evaluations of a sweep worth recording. AWS Config bills custom-rule evaluations by the
 * number recorded: one is recorded each time a resource is evaluated against a rule
 * (https://aws.amazon.com/config/pricing/, since 1 August 2019: $0.001 each for the first 100,000
 * per account and region a month, $0.0008 for the next 400,000, $0.0005 beyond), while a stored result stays
 * the rule's latest verdict until another replaces it (PutEvaluations and EvaluationResult
 * document no expiry; OrderingTimestamp only orders results). So an evaluation is skipped when
 * Config already holds the same compliance and annotation for the resource, recorded less than
 * `maxAgeMs` before `now`; it is put when:
 * - Config holds no result for the resource in `stored` (a new resource),
 * - the compliance differs (NON_COMPLIANT -> COMPLIANT included) or the annotation differs,
 * - the stored result has no recorded time, or it is `maxAgeMs` old or older (re-asserted, so no
 *   result looks older than about maxAge plus one sweep period to an auditor).
 * `maxAgeMs` of 0 (or less) puts every evaluation.
 */
export function changedEvaluations(
  evaluations: readonly Evaluation[],
  stored: ReadonlyMap<string, StoredResult>,
  now: Date,
  maxAgeMs: number,
): Evaluation[] {
  if (!(maxAgeMs > 0)) return [...evaluations];
  return evaluations.filter((e) => {
    const old = stored.get(resourceKey(e.ComplianceResourceType, e.ComplianceResourceId));
    if (old === undefined || old.recordedAt === undefined) return true;
    if (old.compliance !== e.ComplianceType) return true;
    if ((old.annotation ?? '') !== (e.Annotation ?? '')) return true;
    return now.getTime() - old.recordedAt.getTime() >= maxAgeMs;
  });
}
