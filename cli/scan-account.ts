import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { getGlueTags } from '../functions/lookups/exemptions';
import { rules as registry } from '../functions/rules/index';
import type { AwsContext } from '../functions/runtime/aws';
import { evaluateEvent } from '../functions/runtime/engine';
import { errorMessage } from '../functions/runtime/errors';
import { bindLookups } from '../functions/runtime/lookup';
import type { AnyRule } from '../functions/runtime/rule';
import type { ComplianceType, ConfigRuleEvent, ExemptionNote } from '../functions/runtime/types';
import { mapLimit } from './concurrency';
import { type ScanExemptions, settingsFor } from './exemptions-file';

/**
 * Rules evaluated at once within one account-region. The rules mostly wait on the network, and
 * with the lookups shared (shareLookups) a listing is still made once; kept modest so that one
 * account-region never sends more than a handful of requests at a time (Glue's per-account rate).
 */
export const RULE_CONCURRENCY = 6;

/** One evaluation as the CLI prints it (`--format json` emits these objects). */
export interface ScanFinding {
  rule: string;
  resourceType: string;
  resourceId: string;
  compliance: ComplianceType;
  annotation: string;
  offenders?: string[];
  /** Exemptions applied to (or expired on) this evaluation and its offenders. */
  exemptions?: ExemptionNote[];
}

export interface ScanError {
  rule: string;
  resourceId?: string;
  error: string;
}

export interface ScanResult {
  accountId: string;
  region: string;
  findings: ScanFinding[];
  errors: ScanError[];
}

/** An error as evaluations report it; a timeout says so in words (the SDK's message is terse). */
export function describeError(error: unknown): string {
  const e = error as { name?: unknown; code?: unknown } | null;
  if (e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT')
    return `the AWS endpoint did not answer in time, after retries (${errorMessage(error)})`;
  return errorMessage(error);
}

/** The account the context's credentials belong to. */
export async function callerAccount(aws: AwsContext): Promise<string> {
  const out = await aws.client(STSClient).send(new GetCallerIdentityCommand({}));
  if (!out.Account) throw new Error('STS GetCallerIdentity returned no account');
  return out.Account;
}

/**
 * Evaluates rules against an account without deploying anything: each rule gets the
 * scheduled notification Config would send and runs through the same runtime as in Lambda
 * (resource rules sweep every resource). Nothing is sent to AWS Config.
 */
export async function scanAccount(
  aws: AwsContext,
  options: {
    rules?: readonly AnyRule[];
    parameters?: Record<string, Record<string, string>>;
    accountId?: string;
    /** `--exemptions FILE` (and which rules tags may exempt from); absent: none apply. */
    exemptions?: ScanExemptions;
    /** Called after each rule, evaluated or failed (progress reporting). */
    onRuleDone?: (rule: AnyRule) => void;
    /** Rules evaluated at once (default RULE_CONCURRENCY); results keep the rules' order. */
    concurrency?: number;
  } = {},
): Promise<ScanResult> {
  const accountId = options.accountId ?? (await callerAccount(aws));
  const result: ScanResult = { accountId, region: aws.config.region, findings: [], errors: [] };
  const now = new Date().toISOString();
  // One tag read per resource across the rules (a tag may exempt from several rules).
  const tagReader = bindLookups({ tags: getGlueTags }, aws);
  const scanExemptions = options.exemptions;
  const perRule = await mapLimit(
    options.rules ?? registry,
    options.concurrency ?? RULE_CONCURRENCY,
    async (rule): Promise<Pick<ScanResult, 'findings' | 'errors'>> => {
      const out: Pick<ScanResult, 'findings' | 'errors'> = { findings: [], errors: [] };
      const event: ConfigRuleEvent = {
        version: '1.0',
        invokingEvent: JSON.stringify({
          awsAccountId: accountId,
          notificationCreationTime: now,
          messageType: 'ScheduledNotification',
          recordVersion: '1.0',
        }),
        ruleParameters: JSON.stringify(options.parameters?.[rule.id] ?? {}),
        resultToken: 'glue-guardrails-scan',
        eventLeftScope: false,
        configRuleName: rule.id,
        accountId,
      };
      try {
        const run = await evaluateEvent(
          rule,
          event,
          aws,
          scanExemptions
            ? { exemptions: async () => settingsFor(scanExemptions, rule.id), readTags: tagReader.tags }
            : {},
        );
        for (const v of run.verdicts) {
          const finding: ScanFinding = {
            rule: rule.id,
            resourceType: v.resourceType,
            resourceId: v.resourceId,
            compliance: v.verdict.compliance,
            annotation: v.verdict.annotation,
          };
          if (v.verdict.offenders?.length) finding.offenders = v.verdict.offenders;
          if (v.verdict.exemptions?.length) finding.exemptions = v.verdict.exemptions;
          out.findings.push(finding);
        }
        for (const f of run.failures) {
          out.errors.push({ rule: rule.id, resourceId: f.resourceId, error: describeError(f.error) });
        }
      } catch (error) {
        out.errors.push({ rule: rule.id, error: describeError(error) });
      }
      options.onRuleDone?.(rule);
      return out;
    },
  );
  for (const r of perRule) {
    result.findings.push(...r.findings);
    result.errors.push(...r.errors);
  }
  return result;
}
