import {
  type AwsSecurityFinding,
  BatchImportFindingsCommand,
  GetFindingsCommand,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { errorMessage } from '../functions/runtime/errors';
import {
  type AsffFinding,
  defaultProductArn,
  findingId,
  GENERATOR_PREFIX,
  toAsffFinding,
} from './output/asff';
import type { ScanEvaluation, ScanReport } from './scan-types';

// Security Hub import of scan results. References:
// - BatchImportFindings (at most 100 findings per request; FailedFindings lists the ones not
//   imported): https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_BatchImportFindings.html
// - Custom products import under the account's default product,
//   arn:aws:securityhub:<region>:<account-id>:product/<account-id>/default, and may update
//   their findings with the same operation:
//   https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-custom-providers.html
// - A finding provider archives a finding that no longer applies by setting RecordState to
//   ARCHIVED (and Compliance.Status to PASSED when the check now passes); Security Hub resets
//   Workflow.Status to NEW when RecordState goes back from ARCHIVED to ACTIVE or
//   Compliance.Status from PASSED to FAILED (API_Workflow), so a relapse reopens the finding.
//   Workflow.Status itself is the customer's (BatchUpdateFindings), which this tool leaves alone.

/** BatchImportFindings accepts at most 100 findings per request. */
export const IMPORT_BATCH = 100;
/** Extra attempts for findings a batch reported as failed, with doubling delays. */
export const IMPORT_RETRIES = 3;
const BASE_DELAY_MS = 250;

export interface SecurityHubResult {
  /** Findings imported (created or updated) as ACTIVE / FAILED. */
  imported: number;
  /** Earlier findings of this tool archived because the resource is fixed or gone. */
  resolved: number;
  /** Findings that could not be imported after the retries, and other failures. */
  errors: Array<{ account: string; region: string; id?: string; error: string }>;
}

export interface SecurityHubOptions {
  /** The Security Hub client for an account-region (findings are imported where they belong). */
  clientFor: (account: string, region: string) => SecurityHubClient;
  /**
   * Every account-region the scan evaluated. One where no rule found any resource has no
   * evaluation in the report, yet this tool's earlier findings there are gone and must be
   * resolved: listing the pairs visits it too (with every rule of the report as evaluated).
   */
  scanned?: ReadonlyArray<{ account: string; region: string }>;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** This tool's ACTIVE findings in one account-region, read with GetFindings (paged). */
export async function activeFindings(
  client: SecurityHubClient,
  account: string,
  region: string,
): Promise<AwsSecurityFinding[]> {
  const productArn = defaultProductArn(account, region);
  const found: AwsSecurityFinding[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new GetFindingsCommand({
        Filters: {
          ProductArn: [{ Value: productArn, Comparison: 'EQUALS' }],
          AwsAccountId: [{ Value: account, Comparison: 'EQUALS' }],
          Region: [{ Value: region, Comparison: 'EQUALS' }],
          GeneratorId: [{ Value: GENERATOR_PREFIX, Comparison: 'PREFIX' }],
          RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
        },
        MaxResults: 100,
        NextToken: token,
      }),
    );
    // Checked again here: the filters are a request, and a finding of another product must
    // never be archived by this tool.
    for (const f of page.Findings ?? [])
      if (
        f.ProductArn === productArn &&
        f.AwsAccountId === account &&
        f.Region === region &&
        f.GeneratorId?.startsWith(GENERATOR_PREFIX) &&
        f.Id?.startsWith(GENERATOR_PREFIX) &&
        f.RecordState === 'ACTIVE'
      )
        found.push(f);
    token = page.NextToken || undefined;
  } while (token);
  return found;
}

/** Imports findings in batches of 100, retrying the FailedFindings a bounded number of times. */
export async function importFindings(
  client: SecurityHubClient,
  findings: readonly AsffFinding[],
  sleep: (ms: number) => Promise<void> = defaultSleep,
): Promise<{ imported: number; failed: Array<{ id: string; error: string }> }> {
  let imported = 0;
  const failed: Array<{ id: string; error: string }> = [];
  for (let start = 0; start < findings.length; start += IMPORT_BATCH) {
    let pending = findings.slice(start, start + IMPORT_BATCH);
    let lastErrors = new Map<string, string>();
    for (let attempt = 0; pending.length > 0 && attempt <= IMPORT_RETRIES; attempt++) {
      if (attempt > 0) await sleep(BASE_DELAY_MS * 2 ** (attempt - 1));
      lastErrors = new Map();
      try {
        const out = await client.send(
          new BatchImportFindingsCommand({ Findings: pending as unknown as AwsSecurityFinding[] }),
        );
        for (const f of out.FailedFindings ?? [])
          lastErrors.set(f.Id ?? '', `${f.ErrorCode ?? 'Failed'}: ${f.ErrorMessage ?? 'not imported'}`);
      } catch (error) {
        for (const f of pending) lastErrors.set(f.Id, errorMessage(error));
      }
      imported += pending.filter((f) => !lastErrors.has(f.Id)).length;
      pending = pending.filter((f) => lastErrors.has(f.Id));
    }
    for (const f of pending) failed.push({ id: f.Id, error: lastErrors.get(f.Id) ?? 'not imported' });
  }
  return { imported, failed };
}

/**
 * An earlier finding, archived: the fields this tool wrote, with RecordState ARCHIVED and
 * Compliance.Status PASSED (fixed or gone) or NOT_AVAILABLE (now not applicable). Security Hub's
 * own ProductFields (the reserved `aws/` keys) are not sent back.
 */
function archivedFinding(
  old: AwsSecurityFinding,
  now: ScanEvaluation | undefined,
  at: string,
  version: string,
): AsffFinding {
  const productFields: Record<string, string> = {};
  for (const [k, v] of Object.entries(old.ProductFields ?? {}))
    if (!k.startsWith('aws/')) productFields[k] = v;
  productFields['glue-guardrails/compliance'] = now?.compliance ?? 'GONE';
  productFields['glue-guardrails/resolvedAt'] = at;
  productFields['glue-guardrails/version'] = version;
  const finding = {
    SchemaVersion: old.SchemaVersion,
    Id: old.Id,
    ProductArn: old.ProductArn,
    GeneratorId: old.GeneratorId,
    AwsAccountId: old.AwsAccountId,
    Region: old.Region,
    Types: old.Types,
    CreatedAt: old.CreatedAt,
    UpdatedAt: at,
    FirstObservedAt: old.FirstObservedAt,
    LastObservedAt: old.LastObservedAt,
    Severity: old.Severity,
    FindingProviderFields: old.FindingProviderFields,
    Title: old.Title,
    Description: old.Description,
    Remediation: old.Remediation,
    ProductFields: productFields,
    Resources: old.Resources,
    Compliance: {
      ...(old.Compliance?.RelatedRequirements
        ? { RelatedRequirements: old.Compliance.RelatedRequirements }
        : {}),
      Status: !now || now.compliance === 'COMPLIANT' ? 'PASSED' : 'NOT_AVAILABLE',
    },
    RecordState: 'ARCHIVED',
  };
  return JSON.parse(JSON.stringify(finding)) as AsffFinding;
}

/**
 * `scan --to-security-hub`: per account-region of the report, imports every NON_COMPLIANT
 * evaluation as an ACTIVE, FAILED finding (stable ids: a rescan updates it), and archives this
 * tool's earlier ACTIVE findings for rules the scan evaluated there whose resource is no longer
 * NON_COMPLIANT (fixed, not applicable, or gone). A resource or rule that ended in ERROR keeps
 * its finding: what could not be evaluated is never reported as resolved.
 */
export async function sendToSecurityHub(
  report: ScanReport,
  options: SecurityHubOptions,
): Promise<SecurityHubResult> {
  const now = (options.now ?? (() => new Date()))().toISOString();
  const sleep = options.sleep ?? defaultSleep;
  const result: SecurityHubResult = { imported: 0, resolved: 0, errors: [] };
  const groups = new Map<string, ScanEvaluation[]>();
  for (const { account, region } of options.scanned ?? []) groups.set(`${account}\n${region}`, []);
  for (const e of report.evaluations) {
    const key = `${e.account}\n${e.region}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  for (const [key, evaluations] of groups) {
    const [account = '', region = ''] = key.split('\n');
    try {
      const client = options.clientFor(account, region);
      const previous = new Map((await activeFindings(client, account, region)).map((f) => [f.Id ?? '', f]));
      const current = new Map(evaluations.map((e) => [findingId(e), e]));
      // Rules whose whole evaluation failed here: nothing of theirs is resolved.
      const failedRules = new Set(
        evaluations.filter((e) => e.compliance === 'ERROR' && e.resourceId === e.account).map((e) => e.rule),
      );
      const scannedRules = new Set(
        evaluations.length > 0 ? evaluations.map((e) => e.rule) : report.metadata.rules,
      );
      const toImport: AsffFinding[] = [];
      for (const e of evaluations) {
        if (e.compliance !== 'NON_COMPLIANT') continue;
        const createdAt = previous.get(findingId(e))?.CreatedAt;
        toImport.push(toAsffFinding(e, report.metadata, { now, ...(createdAt ? { createdAt } : {}) }));
      }
      for (const [id, old] of previous) {
        const rule = old.ProductFields?.['glue-guardrails/rule'] ?? '';
        const e = current.get(id);
        if (e?.compliance === 'NON_COMPLIANT' || e?.compliance === 'ERROR') continue;
        if (!scannedRules.has(rule) || failedRules.has(rule)) continue;
        toImport.push(archivedFinding(old, e, now, report.metadata.tool.version));
      }
      const out = await importFindings(client, toImport, sleep);
      const failedIds = new Set(out.failed.map((f) => f.id));
      for (const f of toImport) {
        if (failedIds.has(f.Id)) continue;
        if (f.RecordState === 'ARCHIVED') result.resolved++;
        else result.imported++;
      }
      for (const f of out.failed) result.errors.push({ account, region, id: f.id, error: f.error });
    } catch (error) {
      result.errors.push({ account, region, error: errorMessage(error) });
    }
  }
  return result;
}
