import { createHash } from 'node:crypto';
import type { ScanEvaluation, ScanMetadata, ScanReport } from '../scan-types';
import { applyFilter, type EvaluationFilter } from './report';

// The AWS Security Finding Format (ASFF), as the Security Hub API reference defines it:
// https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsSecurityFinding.html
// Required top-level attributes (user guide, "Required top-level ASFF attributes",
// https://docs.aws.amazon.com/securityhub/latest/userguide/asff-required-attributes.html):
// AwsAccountId, CreatedAt, Description, GeneratorId, Id, ProductArn, Resources, SchemaVersion,
// Severity, Title, Types, UpdatedAt.

/** The only ASFF schema version (API_AwsSecurityFinding: SchemaVersion). */
export const ASFF_SCHEMA_VERSION = '2018-10-08';
/** GeneratorId and finding Id prefix: what marks a finding as this tool's. */
export const GENERATOR_PREFIX = 'glue-guardrails/';
/** ASFF type taxonomy: namespace/category (user guide, "Types taxonomy for ASFF"). */
export const FINDING_TYPE = 'Software and Configuration Checks/AWS Security Best Practices';

/** A minimal typed view of the ASFF fields this tool writes. */
export interface AsffFinding {
  SchemaVersion: string;
  Id: string;
  ProductArn: string;
  GeneratorId: string;
  AwsAccountId: string;
  Region: string;
  Types: string[];
  CreatedAt: string;
  UpdatedAt: string;
  FirstObservedAt?: string;
  LastObservedAt?: string;
  Severity: { Label: string; Original?: string };
  FindingProviderFields?: { Severity: { Label: string; Original?: string }; Types: string[] };
  Title: string;
  Description: string;
  Remediation?: { Recommendation: { Text: string } };
  ProductFields: Record<string, string>;
  Resources: Array<{ Type: string; Id: string; Partition: string; Region: string; Details?: unknown }>;
  Compliance: { Status: 'PASSED' | 'WARNING' | 'FAILED' | 'NOT_AVAILABLE'; RelatedRequirements?: string[] };
  RecordState: 'ACTIVE' | 'ARCHIVED';
  Workflow?: { Status: 'NEW' | 'NOTIFIED' | 'RESOLVED' | 'SUPPRESSED' };
}

/** The partition of a region: aws, aws-cn, aws-us-gov. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * The account's default product, which custom findings are imported under:
 * `arn:aws:securityhub:<region>:<account-id>:product/<account-id>/default` (user guide,
 * "Integrating Security Hub CSPM with custom products", requirements for BatchImportFindings).
 */
export function defaultProductArn(account: string, region: string): string {
  return `arn:${partitionOf(region)}:securityhub:${region}:${account}:product/${account}/default`;
}

/** ARN-forming resource types: Config type -> [ASFF resource type, ARN resource part]. */
const ARNS: Record<string, [string, (id: string) => string]> = {
  'AWS::Glue::Job': ['Other', (id) => `job/${id}`],
  'AWS::Glue::MLTransform': ['Other', (id) => `mlTransform/${id}`],
  'AWS::Glue::Crawler': ['Other', (id) => `crawler/${id}`],
  'AWS::Glue::Connection': ['Other', (id) => `connection/${id}`],
  'AWS::Glue::DevEndpoint': ['Other', (id) => `devEndpoint/${id}`],
  'AWS::Glue::SecurityConfiguration': ['Other', (id) => `securityConfiguration/${id}`],
};

/**
 * The finding's resource: a real ARN where the type has one (Glue resources:
 * `arn:<partition>:glue:<region>:<account>:job/<name>`, ...), the id itself when it already is an
 * ARN, the account as `AWS::::Account:<id>` (type AwsAccount) for account-level rules.
 */
export function asffResource(e: Pick<ScanEvaluation, 'account' | 'region' | 'resourceType' | 'resourceId'>): {
  Type: string;
  Id: string;
} {
  if (e.resourceType === 'AWS::::Account')
    return { Type: 'AwsAccount', Id: `AWS::::Account:${e.resourceId}` };
  if (e.resourceType === 'AWS::IAM::Policy') return { Type: 'AwsIamPolicy', Id: e.resourceId }; // Config's id for a policy (no region)
  const arn = ARNS[e.resourceType];
  if (e.resourceId.startsWith('arn:')) return { Type: arn?.[0] ?? 'Other', Id: e.resourceId };
  if (arn)
    return {
      Type: arn[0],
      Id: `arn:${partitionOf(e.region)}:glue:${e.region}:${e.account}:${arn[1](e.resourceId)}`,
    };
  return { Type: 'Other', Id: `${e.resourceType}:${e.resourceId}` };
}

/**
 * A finding id that is the same on every scan of the same (account, region, rule, resource), so
 * that importing it again updates the finding instead of adding one (Id: "product-specific
 * identifier", at most 512 characters).
 */
export function findingId(
  e: Pick<ScanEvaluation, 'account' | 'region' | 'rule' | 'resourceType' | 'resourceId'>,
): string {
  const resource = createHash('sha256')
    .update(`${e.resourceType}\n${e.resourceId}`)
    .digest('hex')
    .slice(0, 32);
  return `${GENERATOR_PREFIX}${e.account}/${e.region}/${e.rule}/${resource}`;
}

const COMPLIANCE: Record<string, AsffFinding['Compliance']['Status']> = {
  NON_COMPLIANT: 'FAILED',
  COMPLIANT: 'PASSED',
  // Compliance.Status NOT_AVAILABLE: "the check could not be performed ... or the result of the
  // AWS Config evaluation was NOT_APPLICABLE" (API_Compliance). Never PASSED for an error.
  NOT_APPLICABLE: 'NOT_AVAILABLE',
  INSUFFICIENT_DATA: 'NOT_AVAILABLE',
  ERROR: 'NOT_AVAILABLE',
};

const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** Scan metadata as ProductFields (string -> string; the ASFF caps keys at 128, values at 2048). */
function productFields(e: ScanEvaluation, metadata: ScanMetadata): Record<string, string> {
  const fields: Record<string, string> = {
    'glue-guardrails/version': metadata.tool.version,
    'glue-guardrails/rule': e.rule,
    'glue-guardrails/compliance': e.compliance,
    'glue-guardrails/resourceType': e.resourceType,
    'glue-guardrails/resourceId': clip(e.resourceId, 2048),
    'glue-guardrails/source': metadata.source,
    'glue-guardrails/scanStartedAt': metadata.startedAt,
    'glue-guardrails/scannedBy': clip(metadata.caller.arn || metadata.caller.account, 2048),
  };
  if (e.control) fields['glue-guardrails/control'] = clip(e.control, 2048);
  if (e.remediation) fields['glue-guardrails/remediation'] = e.remediation;
  const params = metadata.parameters[e.rule];
  if (params && Object.keys(params).length > 0)
    fields['glue-guardrails/parameters'] = clip(JSON.stringify(params), 2048);
  return fields;
}

/** One evaluation as an ASFF finding, ACTIVE (a current verdict). */
export function toAsffFinding(
  e: ScanEvaluation,
  metadata: ScanMetadata,
  options: { now?: string; createdAt?: string } = {},
): AsffFinding {
  const now = options.now ?? metadata.finishedAt;
  const severity = {
    Label: ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'].includes(e.severity) ? e.severity : 'INFORMATIONAL',
    Original: e.severity,
  };
  const resource = asffResource(e);
  const finding: AsffFinding = {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: findingId(e),
    ProductArn: defaultProductArn(e.account, e.region),
    GeneratorId: `${GENERATOR_PREFIX}${e.rule}`,
    AwsAccountId: e.account,
    Region: e.region,
    Types: [FINDING_TYPE],
    CreatedAt: options.createdAt ?? e.evaluatedAt,
    UpdatedAt: now,
    FirstObservedAt: options.createdAt ?? e.evaluatedAt,
    LastObservedAt: e.evaluatedAt,
    Severity: severity,
    // Finding providers update severity and types through FindingProviderFields after creation
    // (user guide, "Using BatchImportFindings to create and update findings").
    FindingProviderFields: { Severity: severity, Types: [FINDING_TYPE] },
    Title: clip(`${e.rule}: ${resource.Id}`, 256),
    Description: clip(e.annotation || e.rule, 1024),
    ProductFields: productFields(e, metadata),
    Resources: [{ ...resource, Partition: partitionOf(e.region), Region: e.region }],
    Compliance: { Status: COMPLIANCE[e.compliance] ?? 'NOT_AVAILABLE' },
    RecordState: 'ACTIVE',
  };
  if (e.control) finding.Compliance.RelatedRequirements = [clip(e.control, 256)];
  if (e.remediation)
    finding.Remediation = {
      Recommendation: {
        Text: clip(
          `Run the SSM Automation document ${e.remediation} (glue-guardrails remediate --rule ${e.rule}).`,
          512,
        ),
      },
    };
  return finding;
}

/** `--format asff`: the (filtered) evaluations as an array of ASFF findings. */
export function renderAsff(report: ScanReport, filter: EvaluationFilter = {}): string {
  return JSON.stringify(
    applyFilter(report.evaluations, filter).map((e) => toAsffFinding(e, report.metadata)),
    null,
    2,
  );
}
