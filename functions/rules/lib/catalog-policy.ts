import { ipValuesConfine } from './ip-ranges';
import {
  type ConditionEntry,
  conditionEntries,
  hasPolicyVariable,
  type NormalizedPolicy,
  statementLabel,
} from './policy';

/** What the Data Catalog policy may grant beyond its own account. */
export interface CatalogPolicyOptions {
  /** The catalog's own account: grants to it are not cross-account. */
  accountId: string;
  /** Accounts that may be granted access without a restricting condition. */
  allowedAccountIds: readonly string[];
  /** Every cross-account statement must carry a fixed `aws:SourceVpce` condition. */
  requireSourceVpce: boolean;
}

/** One statement of the policy that breaks the control, and why. */
export interface PolicyFinding {
  statement: string;
  reason: string;
}

/** How a context key is pinned to a fixed value. */
const KeyKind = { ID: 'id', ORG_PATH: 'orgPath', ARN: 'arn', IP: 'ip' } as const;
type KeyKindValue = (typeof KeyKind)[keyof typeof KeyKind];

/**
 * Context keys that confine a grant when given fixed values (the keys the S3 "meaning of public"
 * analysis and the IAM global condition key reference name for principal, organisation, source
 * and network). Keys are lower-case: context key names are not case-sensitive.
 */
const RESTRICTING_KEYS: ReadonlyMap<string, KeyKindValue> = new Map([
  ['aws:sourcevpce', KeyKind.ID],
  ['aws:sourcevpc', KeyKind.ID],
  ['aws:principalorgid', KeyKind.ID],
  ['aws:sourceorgid', KeyKind.ID],
  ['aws:principalaccount', KeyKind.ID],
  ['aws:sourceaccount', KeyKind.ID],
  ['aws:sourceowner', KeyKind.ID],
  ['aws:principalorgpaths', KeyKind.ORG_PATH],
  ['aws:sourceorgpaths', KeyKind.ORG_PATH],
  ['aws:principalarn', KeyKind.ARN],
  ['aws:sourcearn', KeyKind.ARN],
  ['aws:sourceip', KeyKind.IP],
]);

/** Keys whose values are account ids, or ARNs whose account field is the account. */
const ACCOUNT_KEYS = new Set([
  'aws:principalaccount',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:principalarn',
  'aws:sourcearn',
]);

const STRING_OPERATORS = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike']);
const ARN_OPERATORS = new Set(['ArnEquals', 'ArnLike', ...STRING_OPERATORS]);
const WILDCARD = /[*?]/;

/** One value of a non-IP key, judged alone (IP values are judged together: ipValuesConfine). */
function fixedValue(kind: Exclude<KeyKindValue, 'ip'>, value: string): boolean {
  const v = value.trim();
  // A policy variable is replaced by the request's own value: it matches every request.
  if (v === '' || hasPolicyVariable(v)) return false;
  switch (kind) {
    case KeyKind.ID:
      return !WILDCARD.test(v);
    case KeyKind.ORG_PATH: {
      // o-abc/r-xyz/ou-123/* confines to one organisation; the org segment must be literal.
      const org = v.split('/')[0] ?? '';
      return org !== '' && !WILDCARD.test(org);
    }
    case KeyKind.ARN: {
      const fields = v.split(':');
      if (fields.length < 6 || fields[0] !== 'arn') return false;
      const account = fields[4] ?? '';
      // Resources without an account field (S3 buckets) must be named in full.
      return account === '' ? !WILDCARD.test(v) : /^\d{12}$/.test(account);
    }
  }
}

/**
 * Whether a condition test really confines the statement. Negated operators, `...IfExists`,
 * `ForAllValues:` and `Null` all pass for requests that lack the key (or carry another value);
 * a wildcard value matches anyone, and so does a policy variable (`${aws:PrincipalAccount}` is
 * the request's own account). `aws:SourceIp` values must all be valid addresses or CIDR blocks
 * that together cover at most a /8's worth of IPv4 or a /32's worth of IPv6 (ipValuesConfine).
 * Unknown operators and keys (`constructor`, `__proto__`) confine nothing.
 */
export function isRestricting(entry: ConditionEntry): boolean {
  const kind = RESTRICTING_KEYS.get(entry.key);
  if (!kind || entry.ifExists || entry.setQualifier === 'ForAllValues') return false;
  // An unknown qualifier (`Foo:StringEquals`) is not a test IAM knows: it confines nothing.
  if (entry.operator.includes(':') && entry.setQualifier === undefined) return false;
  const operators =
    kind === KeyKind.IP ? new Set(['IpAddress']) : kind === KeyKind.ARN ? ARN_OPERATORS : STRING_OPERATORS;
  if (!operators.has(entry.baseOperator)) return false;
  if (kind === KeyKind.IP) return ipValuesConfine(entry.values);
  return entry.values.length > 0 && entry.values.every((v) => fixedValue(kind, v));
}

/** The accounts a restricting test pins the request to, or undefined when it pins something else. */
function pinnedAccounts(entry: ConditionEntry): Set<string> | undefined {
  if (!ACCOUNT_KEYS.has(entry.key)) return undefined;
  const ids = entry.values.map((v) => (entry.key.endsWith('arn') ? (v.split(':')[4] ?? '') : v.trim()));
  // An ARN without an account field (an S3 bucket) names a resource, not an account.
  return ids.every((id) => /^\d{12}$/.test(id)) ? new Set(ids) : undefined;
}

/**
 * Judges every Allow statement of a Data Catalog resource policy. A statement grants to anyone
 * (Principal `*`, `{"AWS": "*"}`, or Allow with NotPrincipal) or to the accounts its AWS
 * principals name; fixed account-valued conditions narrow that set; any other restricting
 * condition (organisation, VPC endpoint, VPC, source IP) confines it. Service principals and
 * Deny statements grant nothing to other accounts.
 */
export function catalogPolicyFindings(
  policy: NormalizedPolicy,
  options: CatalogPolicyOptions,
): PolicyFinding[] {
  const trusted = new Set([options.accountId, ...options.allowedAccountIds]);
  const findings: PolicyFinding[] = [];
  for (const s of policy.statements) {
    if (s.effect !== 'Allow' || (!s.principal && !s.notPrincipal)) continue;
    const anyone = s.notPrincipal !== undefined || s.principal?.wildcard === true;
    let grantees: Set<string> | undefined = anyone
      ? undefined
      : new Set((s.principal?.accountIds ?? []).filter((a) => a !== options.accountId));
    if (grantees?.size === 0) continue;

    const restricting = conditionEntries(s).filter(isRestricting);
    let confined = false;
    for (const entry of restricting) {
      const pinned = pinnedAccounts(entry);
      if (!pinned) confined = true;
      else grantees = grantees ? new Set([...grantees].filter((a) => pinned.has(a))) : pinned;
    }
    const crossAccount = grantees === undefined || [...grantees].some((a) => a !== options.accountId);
    const label = statementLabel(s);

    if (!confined) {
      if (grantees === undefined) {
        findings.push({ statement: label, reason: 'allows any principal without a restricting condition' });
        continue;
      }
      const untrusted = [...grantees].filter((a) => !trusted.has(a)).sort();
      if (untrusted.length > 0) {
        findings.push({
          statement: label,
          reason: `allows account ${untrusted.join(', ')} (not in allowedAccountIds) without a restricting condition`,
        });
        continue;
      }
    }
    if (options.requireSourceVpce && crossAccount && !restricting.some((e) => e.key === 'aws:sourcevpce')) {
      findings.push({
        statement: label,
        reason: 'cross-account access is not pinned to a VPC endpoint (aws:SourceVpce)',
      });
    }
  }
  return findings;
}
