import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { rules as registry } from '../functions/rules/index';
import { type AwsClientConfig, type AwsContext, createAwsContext } from '../functions/runtime/aws';
import type { AnyLookup, LookupSet } from '../functions/runtime/lookup';
import { distinctPages } from '../functions/runtime/pages';
import type { AnyRule } from '../functions/runtime/rule';
import { ACCOUNT_RESOURCE_TYPE } from '../functions/runtime/types';
import packageJson from '../package.json';
import { mapLimit } from './concurrency';
import { reportedExemptions, type ScanExemptions } from './exemptions-file';
import { describeError, scanAccount } from './scan-account';
import type { ExemptionNote, ScanEvaluation, ScanReport } from './scan-types';

/**
 * Scans many accounts and regions in one run: every account x region pair is scanned with the
 * same runtime as `scanAccount`, with bounded concurrency, and a failure in one account or region
 * becomes ERROR evaluations without stopping the others.
 */

export type Credentials = NonNullable<AwsClientConfig['credentials']>;

export interface ScopeOptions {
  /** Regions to scan; 'all' = the account's enabled regions; absent = the base context's region. */
  regions?: readonly string[] | 'all';
  /** Accounts to scan through `roleName` (the caller's own account is scanned with its own credentials). */
  accounts?: readonly string[];
  /** Every ACTIVE account of the organization (Organizations ListAccounts). */
  organization?: boolean;
  roleName?: string;
  externalId?: string;
  /** Account x region pairs scanned at once (default 4). */
  concurrency?: number;
  rules?: readonly AnyRule[];
  parameters?: Record<string, Record<string, string>>;
  /** `scan --exemptions FILE`: applied in every account and region; tags per its tagExemptionRules. */
  exemptions?: ScanExemptions;
  /** Called after every rule of every account-region, and when the total grows. */
  onProgress?: (progress: ScanProgress) => void;
  /**
   * The context one account-region is scanned with (default: the base context's settings with
   * this region and, for an assumed role, its credentials). Tests and benches hook in here.
   */
  contextFor?: (target: { account: string; region: string; credentials?: Credentials }) => AwsContext;
  /**
   * Called once per account that could be prepared, with the credentials its account-regions are
   * scanned with (undefined: the caller's own) and its regions. `scan --to-security-hub` imports each account's
   * findings with them. Never logged nor put in the report.
   */
  onAccountReady?: (
    account: string,
    credentials: Credentials | undefined,
    regions: readonly string[],
  ) => void;
}

/** The default context of one account-region: the base settings with this region and credentials. */
export function scopeContext(
  base: AwsContext,
  target: { region: string; credentials?: Credentials | undefined },
): AwsContext {
  const config: Partial<AwsClientConfig> = { ...base.config, region: target.region };
  if (target.credentials) {
    config.credentials = target.credentials;
    delete config.profile;
  }
  return createAwsContext(config);
}

export interface ScanProgress {
  /** account x region x rule units finished (evaluated or failed). */
  done: number;
  /** Units known so far (grows while `--regions all` and organization listings resolve). */
  total: number;
}

export const DEFAULT_CONCURRENCY = 4;
const SESSION_NAME = 'glue-guardrails-scan';

/**
 * Rules whose lookups share one memo: within one account-region, a listing several rules make
 * (GetJobs for every job rule) is made once. Keyed by lookup and arguments, like bindLookups does
 * within one rule. Only the CLI uses this; in Lambda each rule runs in its own function.
 */
export function shareLookups(rules: readonly AnyRule[]): AnyRule[] {
  const shared = new Map<AnyLookup, AnyLookup>();
  const share = (lookup: AnyLookup): AnyLookup => {
    let wrapped = shared.get(lookup);
    if (!wrapped) {
      const memo = new Map<string, Promise<unknown>>();
      wrapped = Object.assign(
        (aws: AwsContext, ...args: unknown[]): Promise<unknown> => {
          const key = JSON.stringify(args);
          let p = memo.get(key);
          if (!p) {
            p = lookup(aws, ...args);
            memo.set(key, p);
          }
          return p;
        },
        { lookupName: lookup.lookupName, actions: lookup.actions },
      );
      shared.set(lookup, wrapped);
    }
    return wrapped;
  };
  return rules.map((rule) => {
    const lookups: LookupSet = {};
    for (const [name, lookup] of Object.entries(rule.lookups as LookupSet)) lookups[name] = share(lookup);
    return { ...rule, lookups } as AnyRule;
  });
}

/** The regions enabled for the context's account (EC2 DescribeRegions, AllRegions false). */
export async function enabledRegions(aws: AwsContext): Promise<string[]> {
  const out = await aws.client(EC2Client).send(new DescribeRegionsCommand({ AllRegions: false }));
  const names = (out.Regions ?? [])
    .filter((r) => r.OptInStatus === undefined || r.OptInStatus !== 'not-opted-in')
    .map((r) => r.RegionName)
    .filter((n): n is string => Boolean(n));
  if (names.length === 0) throw new Error('EC2 DescribeRegions returned no enabled region');
  return names.sort();
}

/** Every ACTIVE account of the organization, paged. */
export async function organizationAccounts(aws: AwsContext): Promise<string[]> {
  const client = aws.client(OrganizationsClient);
  const ids: string[] = [];
  for await (const page of distinctPages(
    'organizations:ListAccounts',
    paginateListAccounts({ client }, {}),
    (p) => p.NextToken,
  )) {
    for (const a of page.Accounts ?? []) {
      // `State` replaces `Status` (retired in 2026); read whichever the endpoint answers.
      const state = a.State ?? a.Status;
      if (a.Id && state === 'ACTIVE') ids.push(a.Id);
    }
  }
  return ids;
}

function ruleResourceType(rule: AnyRule): string {
  return rule.scope === 'account' ? ACCOUNT_RESOURCE_TYPE : rule.resourceType;
}

/** The enriched fields every evaluation of this rule carries. */
function ruleFields(rule: AnyRule): Pick<ScanEvaluation, 'rule' | 'severity' | 'control' | 'remediation'> {
  const fields: Pick<ScanEvaluation, 'rule' | 'severity' | 'control' | 'remediation'> = {
    rule: rule.id,
    severity: rule.severity,
    control: rule.control,
  };
  if (rule.remediation) fields.remediation = rule.remediation.document;
  return fields;
}

/** ERROR evaluations: `rule` could not be evaluated in this account-region (or for this resource). */
export function errorEvaluation(
  rule: AnyRule,
  account: string,
  region: string,
  message: string,
  at: string,
  resourceId?: string,
): ScanEvaluation {
  return {
    account,
    region,
    ...ruleFields(rule),
    resourceType: ruleResourceType(rule),
    resourceId: resourceId ?? account,
    compliance: 'ERROR',
    annotation: message,
    evaluatedAt: at,
    error: message,
  };
}

interface Target {
  account: string;
  credentials?: Credentials;
  regions: string[];
  /** Set when the account could not be prepared (role, regions): every rule is an ERROR. */
  error?: string;
}

/** Scans the scope and returns the report (never throws for AWS failures: they are ERRORs). */
export async function scanScope(base: AwsContext, options: ScopeOptions = {}): Promise<ScanReport> {
  const startedAt = new Date().toISOString();
  const rules = [...(options.rules ?? registry)];
  const parameters = options.parameters ?? {};
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const baseRegion = base.config.region;
  const explicitRegions = options.regions === 'all' ? undefined : [...(options.regions ?? [baseRegion])];
  const evaluations: ScanEvaluation[] = [];
  const applied: ExemptionNote[] = [];
  const progress: ScanProgress = { done: 0, total: 0 };
  const tick = (): void => options.onProgress?.({ ...progress });

  const report = (
    accounts: string[],
    regions: string[],
    caller: { account: string; arn: string },
  ): ScanReport => ({
    ...(options.exemptions || applied.length > 0
      ? {
          exemptions: reportedExemptions(
            options.exemptions,
            rules.map((r) => r.id),
            applied,
          ),
        }
      : {}),
    metadata: {
      tool: { name: packageJson.name, version: packageJson.version },
      startedAt,
      finishedAt: new Date().toISOString(),
      caller,
      source: 'scan' as const,
      accounts,
      regions,
      rules: rules.map((r) => r.id),
      parameters,
    },
    evaluations,
  });
  const failAll = (account: string, regions: readonly string[], message: string): void => {
    const at = new Date().toISOString();
    for (const region of regions) {
      for (const rule of rules) evaluations.push(errorEvaluation(rule, account, region, message, at));
    }
    progress.done += regions.length * rules.length;
    progress.total += regions.length * rules.length;
    tick();
  };

  // Who is scanning: the account whose own credentials need no role, and the partition.
  let caller: { account: string; arn: string };
  try {
    const id = await base.client(STSClient).send(new GetCallerIdentityCommand({}));
    if (!id.Account || !id.Arn) throw new Error('STS GetCallerIdentity returned no account');
    caller = { account: id.Account, arn: id.Arn };
  } catch (error) {
    const message = `Could not identify the caller (STS GetCallerIdentity): ${describeError(error)}`;
    const accounts = [...(options.accounts ?? ['unknown'])];
    for (const account of accounts) failAll(account, explicitRegions ?? [baseRegion], message);
    return report(accounts, explicitRegions ?? [], { account: 'unknown', arn: 'unknown' });
  }
  const partition = caller.arn.split(':')[1] || 'aws';

  let accounts: string[];
  if (options.organization) {
    try {
      accounts = await organizationAccounts(base);
    } catch (error) {
      failAll(
        caller.account,
        explicitRegions ?? [baseRegion],
        `Could not list the organization's accounts (Organizations ListAccounts): ${describeError(error)}`,
      );
      return report([caller.account], explicitRegions ?? [], caller);
    }
  } else {
    accounts = [...(options.accounts ?? [caller.account])];
  }

  // Each account: credentials (AssumeRole unless it is the caller's), then its regions.
  const contextFor =
    options.contextFor ?? ((t: { region: string; credentials?: Credentials }) => scopeContext(base, t));
  const targets = await mapLimit(accounts, concurrency, async (account): Promise<Target> => {
    const target: Target = { account, regions: explicitRegions ?? [] };
    if (account !== caller.account) {
      if (!options.roleName) {
        target.error = `Account ${account} is not the caller's (${caller.account}) and no --role-name was given`;
        return target;
      }
      const roleArn = `arn:${partition}:iam::${account}:role/${options.roleName}`;
      try {
        const out = await base.client(STSClient).send(
          new AssumeRoleCommand({
            RoleArn: roleArn,
            RoleSessionName: SESSION_NAME,
            ...(options.externalId ? { ExternalId: options.externalId } : {}),
          }),
        );
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('STS AssumeRole returned no credentials');
        target.credentials = {
          accessKeyId: c.AccessKeyId,
          secretAccessKey: c.SecretAccessKey,
          ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
        };
      } catch (error) {
        target.error = `Could not assume ${roleArn}: ${describeError(error)}`;
        return target;
      }
    }
    if (!explicitRegions) {
      try {
        target.regions = await enabledRegions(
          contextFor({
            account,
            region: baseRegion,
            ...(target.credentials ? { credentials: target.credentials } : {}),
          }),
        );
      } catch (error) {
        target.regions = [baseRegion];
        target.error = `Could not list the enabled regions (EC2 DescribeRegions): ${describeError(error)}`;
        return target;
      }
    }
    progress.total += target.regions.length * rules.length;
    tick();
    options.onAccountReady?.(account, target.credentials, target.regions);
    return target;
  });

  const pairs: Array<{ target: Target; region: string }> = [];
  for (const target of targets) {
    if (target.error)
      failAll(target.account, target.regions.length ? target.regions : [baseRegion], target.error);
    else for (const region of target.regions) pairs.push({ target, region });
  }

  const perPair = await mapLimit(pairs, concurrency, async ({ target, region }) => {
    const at = new Date().toISOString();
    const out: ScanEvaluation[] = [];
    const byId = new Map(rules.map((r) => [r.id, r]));
    try {
      const aws = contextFor({
        account: target.account,
        region,
        ...(target.credentials ? { credentials: target.credentials } : {}),
      });
      const result = await scanAccount(aws, {
        rules: shareLookups(rules),
        parameters,
        accountId: target.account,
        ...(options.exemptions ? { exemptions: options.exemptions } : {}),
        onRuleDone: () => {
          progress.done += 1;
          tick();
        },
      });
      for (const f of result.findings) {
        const rule = byId.get(f.rule) as AnyRule;
        const e: ScanEvaluation = {
          account: target.account,
          region,
          ...ruleFields(rule),
          resourceType: f.resourceType,
          resourceId: f.resourceId,
          compliance: f.compliance,
          annotation: f.annotation,
          evaluatedAt: at,
        };
        if (f.offenders) e.offenders = f.offenders;
        // The exemption of this very resource (an account rule's offender exemptions are listed
        // in the report's exemptions, not on the account's evaluation).
        const own = f.exemptions?.find((n) => n.resourceId === f.resourceId);
        if (own) e.exemption = own;
        applied.push(...(f.exemptions ?? []));
        out.push(e);
      }
      for (const e of result.errors) {
        out.push(
          errorEvaluation(byId.get(e.rule) as AnyRule, target.account, region, e.error, at, e.resourceId),
        );
      }
    } catch (error) {
      // Building the context itself failed: every rule of this pair is an ERROR.
      for (const rule of rules)
        out.push(errorEvaluation(rule, target.account, region, describeError(error), at));
    }
    return out;
  });
  for (const list of perPair) evaluations.push(...list);

  const regions = [...new Set(targets.flatMap((t) => t.regions))].sort();
  return report(accounts, regions, caller);
}

/** 2 if anything could not be evaluated, else 1 if anything is NON_COMPLIANT, else 0. */
export function reportExitCode(report: ScanReport): 0 | 1 | 2 {
  if (report.evaluations.some((e) => e.compliance === 'ERROR')) return 2;
  return report.evaluations.some((e) => e.compliance === 'NON_COMPLIANT') ? 1 : 0;
}
