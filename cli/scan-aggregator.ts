import {
  type AggregateComplianceByConfigRule,
  type AggregateEvaluationResult,
  ConfigServiceClient,
  paginateDescribeAggregateComplianceByConfigRules,
  paginateGetAggregateComplianceDetailsByConfigRule,
} from '@aws-sdk/client-config-service';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ruleCatalog } from '../functions/rules/catalog';
import type { AwsContext } from '../functions/runtime/aws';
import { errorMessage } from '../functions/runtime/errors';
import type { AnyRuleMeta } from '../functions/runtime/meta';
import { distinctPages } from '../functions/runtime/pages';
import { configRuleName } from '../infra/rule-wiring';
import packageJson from '../package.json';
import { mapLimit } from './concurrency';
import type { ScanCompliance, ScanEvaluation, ScanReport } from './scan-types';

/**
 * The organization view from a deployed AWS Config aggregator: the suite's rules already run in
 * every member account (the StackSet), and the aggregator holds their latest results. Reading it
 * takes the caller's own credentials only: no role is assumed anywhere.
 */

export interface AggregatorScanOptions {
  /** ConfigurationAggregatorName. */
  aggregator: string;
  /** The suite's rules to read (default: the whole catalog). */
  rules?: readonly AnyRuleMeta[];
  /** The deployment's namePrefix (Config rule names are `<namePrefix><rule id>`). */
  namePrefix?: string;
  /** Limit of each summary page (default: Config's default, its maximum of 1000). */
  summaryPageSize?: number;
  /** How many (rule, account, region) detail listings run at once (default 8). */
  concurrency?: number;
}

/** Config's prefix for the rules an organization Config rule creates in member accounts. */
const ORG_RULE_PREFIX = 'OrgConfigRule-';
/** Config's infix for the rules a conformance pack creates. */
const PACK_INFIX = '-conformance-pack-';

const VERDICTS: ReadonlySet<string> = new Set(['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE']);

const isSuffix = (text: string): boolean => text.length > 0 && /^[a-z0-9]+$/.test(text);

/**
 * The suite rule a Config rule name belongs to, or undefined for another rule. Besides the
 * deployed name (`<namePrefix><id>`, infra/rule-wiring.ts configRuleName) Config names the copies it
 * makes itself with a random suffix, as in the Config API reference's examples:
 * `OrgConfigRule-<name>-<suffix>` for an organization rule in a member account and
 * `<name>-conformance-pack-<suffix>` for a conformance pack's rule (`conformance-pack` command).
 */
export function suiteRuleFor(
  name: string,
  rules: readonly AnyRuleMeta[] = ruleCatalog,
  namePrefix = '',
): AnyRuleMeta | undefined {
  return rules.find((rule) => {
    const base = configRuleName({ namePrefix }, rule);
    if (name === base) return true;
    if (name.startsWith(`${ORG_RULE_PREFIX}${base}-`)) {
      return isSuffix(name.slice(ORG_RULE_PREFIX.length + base.length + 1));
    }
    if (name.startsWith(`${base}${PACK_INFIX}`)) return isSuffix(name.slice(base.length + PACK_INFIX.length));
    return false;
  });
}

interface RuleCell {
  configRuleName: string;
  rule: AnyRuleMeta;
  account: string;
  region: string;
}

function toEvaluation(cell: RuleCell, result: AggregateEvaluationResult): ScanEvaluation {
  const qualifier = result.EvaluationResultIdentifier?.EvaluationResultQualifier;
  const evaluation: ScanEvaluation = {
    account: result.AccountId ?? cell.account,
    region: result.AwsRegion ?? cell.region,
    rule: cell.rule.id,
    severity: cell.rule.severity,
    control: cell.rule.control,
    resourceType: qualifier?.ResourceType ?? '',
    resourceId: qualifier?.ResourceId ?? '',
    compliance: result.ComplianceType as ScanCompliance,
    annotation: result.Annotation ?? '',
    evaluatedAt: (result.ResultRecordedTime ?? result.ConfigRuleInvokedTime ?? new Date(0)).toISOString(),
  };
  if (cell.rule.remediation) evaluation.remediation = cell.rule.remediation.document;
  // The aggregate holds only COMPLIANT and NON_COMPLIANT results (Config API reference,
  // AggregateEvaluationResult); anything else is not a verdict this tool can stand behind.
  if (!VERDICTS.has(result.ComplianceType ?? '')) {
    const message = `the aggregator reported '${result.ComplianceType ?? 'nothing'}', which is not a verdict`;
    evaluation.compliance = 'ERROR';
    evaluation.annotation = message;
    evaluation.error = message;
  }
  return evaluation;
}

function errorEvaluation(cell: RuleCell, error: unknown, at: string): ScanEvaluation {
  const message = `${cell.configRuleName}: ${errorMessage(error)}`;
  const rule = cell.rule;
  return {
    account: cell.account,
    region: cell.region,
    rule: rule.id,
    severity: rule.severity,
    control: rule.control,
    resourceType: rule.scope === 'resource' ? (rule.resourceTypes[0] ?? 'AWS::::Account') : 'AWS::::Account',
    resourceId: cell.account,
    compliance: 'ERROR',
    annotation: message,
    evaluatedAt: at,
    error: message,
  };
}

async function readCell(
  config: ConfigServiceClient,
  aggregator: string,
  cell: RuleCell,
): Promise<ScanEvaluation[]> {
  const out: ScanEvaluation[] = [];
  const pages = paginateGetAggregateComplianceDetailsByConfigRule(
    { client: config, pageSize: 100 },
    {
      ConfigurationAggregatorName: aggregator,
      ConfigRuleName: cell.configRuleName,
      AccountId: cell.account,
      AwsRegion: cell.region,
    },
  );
  for await (const page of distinctPages(
    'config:GetAggregateComplianceDetailsByConfigRule',
    pages,
    (p) => p.NextToken,
  )) {
    for (const result of page.AggregateEvaluationResults ?? []) out.push(toEvaluation(cell, result));
  }
  return out;
}

/**
 * Reads the suite's rules' latest results across every account and region the aggregator covers
 * (DescribeAggregateComplianceByConfigRules, then GetAggregateComplianceDetailsByConfigRule per
 * rule, account and region, all paged). A listing that fails for one rule, account and region
 * becomes an ERROR evaluation there and the others go on; the summary listing failing fails the
 * whole read (nothing could be evaluated).
 */
export async function scanAggregator(aws: AwsContext, options: AggregatorScanOptions): Promise<ScanReport> {
  const startedAt = new Date().toISOString();
  const rules = options.rules ?? ruleCatalog;
  const config = aws.client(ConfigServiceClient);
  const identity = await aws.client(STSClient).send(new GetCallerIdentityCommand({}));
  const rows: AggregateComplianceByConfigRule[] = [];
  const summary = paginateDescribeAggregateComplianceByConfigRules(
    { client: config, ...(options.summaryPageSize ? { pageSize: options.summaryPageSize } : {}) },
    { ConfigurationAggregatorName: options.aggregator },
  );
  for await (const page of distinctPages(
    'config:DescribeAggregateComplianceByConfigRules',
    summary,
    (p) => p.NextToken,
  )) {
    rows.push(...(page.AggregateComplianceByConfigRules ?? []));
  }
  const cells: RuleCell[] = [];
  for (const row of rows) {
    const rule = row.ConfigRuleName ? suiteRuleFor(row.ConfigRuleName, rules, options.namePrefix) : undefined;
    if (!rule || !row.ConfigRuleName || !row.AccountId || !row.AwsRegion) continue;
    cells.push({ configRuleName: row.ConfigRuleName, rule, account: row.AccountId, region: row.AwsRegion });
  }
  const read = await mapLimit(cells, options.concurrency ?? 8, async (cell) => {
    try {
      return await readCell(config, options.aggregator, cell);
    } catch (error) {
      return [errorEvaluation(cell, error, new Date().toISOString())];
    }
  });
  const evaluations = read.flat();
  return {
    metadata: {
      tool: { name: packageJson.name, version: packageJson.version },
      startedAt,
      finishedAt: new Date().toISOString(),
      caller: { account: identity.Account ?? '', arn: identity.Arn ?? '' },
      source: 'aggregator',
      accounts: [...new Set(cells.map((c) => c.account))].sort(),
      regions: [...new Set(cells.map((c) => c.region))].sort(),
      rules: rules.map((r) => r.id),
      parameters: {},
    },
    evaluations,
  };
}
