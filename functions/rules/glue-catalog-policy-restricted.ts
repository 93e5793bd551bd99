import { getCatalogResourcePolicy } from '../lookups/glue';
import { describeOffenders } from '../runtime/evaluations';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { catalogPolicyFindings } from './lib/catalog-policy';
import { parsePolicy } from './lib/policy';
import { meta } from './meta/glue-catalog-policy-restricted';

/**
 * The Data Catalog resource policy grants nothing to any principal, or to accounts outside
 * `allowedAccountIds`, unless a condition with fixed values confines the grant (aws:PrincipalOrgID,
 * aws:PrincipalOrgPaths, aws:SourceVpce, aws:SourceVpc, aws:PrincipalAccount, aws:PrincipalArn,
 * aws:SourceAccount, aws:SourceArn, aws:SourceOrgID, aws:SourceIp). Conditions are judged
 * honestly: a wildcard value, a policy variable (`${aws:PrincipalAccount}` is every caller's own
 * account), `...IfExists`, a negated operator, `ForAllValues:` or `Null` confine nothing, and
 * `aws:SourceIp` confines only when every value is a valid address or CIDR block and together they
 * cover at most a /8's worth of IPv4 (a /32's worth of IPv6). A policy that is not valid JSON or
 * repeats a member name is an error, never COMPLIANT. The policy is not recorded by AWS Config: periodic, against the account.
 *
 * Scenarios:
 *  1. No resource policy                                                     -> COMPLIANT
 *  2. Allow to "*", {AWS: "*"} or via NotPrincipal, no condition             -> NON_COMPLIANT, statement named
 *  3. Allow to "*" confined by a fixed aws:PrincipalOrgID or aws:SourceVpce  -> COMPLIANT
 *  4. Allow to "*" whose condition confines nothing (value "*", StringLike
 *     "o-*", IfExists, StringNotEquals, ForAllValues, Null)                   -> NON_COMPLIANT
 *  5. Allow to an account outside allowedAccountIds, no restricting condition -> NON_COMPLIANT, account named
 *  6. Allow to an account listed in allowedAccountIds                        -> COMPLIANT
 *  7. Allow to "*" pinned by aws:PrincipalAccount to an account not allowed   -> NON_COMPLIANT
 *  8. requireSourceVpce, a cross-account statement without aws:SourceVpce     -> NON_COMPLIANT
 *  9. requireSourceVpce, every cross-account statement pinned to a VPC endpoint -> COMPLIANT
 * 10. Own-account principals, service principals and Deny statements only    -> COMPLIANT
 * 11. Many offending statements                                              -> annotation truncated, all in offenders
 * 12. Allow to "*" pinned only by a policy variable (aws:PrincipalAccount =
 *     ${aws:PrincipalAccount}), also as the only aws:SourceVpce             -> NON_COMPLIANT
 * 13. aws:SourceIp covering more than a /8 together, or an invalid CIDR     -> NON_COMPLIANT
 */
export const rule = defineRule({
  ...meta,
  lookups: { catalogPolicy: getCatalogResourcePolicy },
  async evaluate({ params, lookups, accountId }) {
    const document = await lookups.catalogPolicy();
    if (!document) {
      return { compliance: Compliance.COMPLIANT, annotation: 'The Data Catalog has no resource policy' };
    }
    const policy = parsePolicy(document);
    const findings = catalogPolicyFindings(policy, {
      accountId,
      allowedAccountIds: params.allowedAccountIds,
      requireSourceVpce: params.requireSourceVpce,
    });
    if (findings.length > 0) {
      const offenders = findings.map((f) => `${f.statement} ${f.reason}`);
      return {
        compliance: Compliance.NON_COMPLIANT,
        annotation: describeOffenders(
          `${findings.length} Data Catalog policy statement${findings.length === 1 ? '' : 's'} too open`,
          offenders,
        ),
        offenders,
      };
    }
    return {
      compliance: Compliance.COMPLIANT,
      annotation: `The Data Catalog policy's ${policy.statements.length} statements grant no unrestricted cross-account access`,
    };
  },
});
