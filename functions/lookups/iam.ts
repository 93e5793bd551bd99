import {
  IAMClient,
  type ManagedPolicyDetail,
  paginateGetAccountAuthorizationDetails,
} from '@aws-sdk/client-iam';
import { defineLookup } from '../runtime/lookup';
import { distinctPages } from '../runtime/pages';
import type { ConfigurationItem, RuleResource } from '../runtime/types';

export const IAM_POLICY_RESOURCE_TYPE = 'AWS::IAM::Policy';

/**
 * A customer managed policy with the document of its default version, as rules see it whether it
 * came from the IAM API or from an AWS Config configuration item.
 */
export interface CustomerManagedPolicy {
  /** The policy id (`ANPA...`): AWS Config's resource id for AWS::IAM::Policy. */
  policyId: string;
  policyName: string;
  arn: string;
  /** The default version's document: JSON, URL-encoded JSON, or already parsed; undefined if absent. */
  document: string | object | undefined;
}

/** Thrown when an IAM answer lacks a field every real response carries. */
export class IamResponseError extends Error {
  override readonly name = 'IamResponseError';
}

function fromApi(p: ManagedPolicyDetail): CustomerManagedPolicy {
  if (!p.PolicyId) {
    throw new IamResponseError(
      `GetAccountAuthorizationDetails returned ${p.Arn ?? 'a policy'} without PolicyId`,
    );
  }
  const current = p.PolicyVersionList?.find((v) => v.IsDefaultVersion);
  return {
    policyId: p.PolicyId,
    policyName: p.PolicyName ?? p.Arn?.split('/').pop() ?? p.PolicyId,
    arn: p.Arn ?? '',
    document: current?.Document,
  };
}

/**
 * Every customer managed policy with its default document: ONE paged GetAccountAuthorizationDetails
 * (Filter LocalManagedPolicy) instead of ListPolicies plus a GetPolicyVersion per policy.
 */
export const listCustomerManagedPolicies = defineLookup(
  'listCustomerManagedPolicies',
  ['iam:GetAccountAuthorizationDetails'],
  async (aws): Promise<CustomerManagedPolicy[]> => {
    const client = aws.client(IAMClient);
    const policies: CustomerManagedPolicy[] = [];
    const pages = paginateGetAccountAuthorizationDetails(
      { client, pageSize: 1000 },
      { Filter: ['LocalManagedPolicy'] },
    );
    // IAM pages by Marker while IsTruncated; a Marker on the last page is not followed.
    for await (const out of distinctPages('iam:GetAccountAuthorizationDetails', pages, (p) => p.Marker)) {
      for (const p of out.Policies ?? []) policies.push(fromApi(p));
      if (!out.IsTruncated) break;
    }
    return policies;
  },
);

interface PolicyVersionItem {
  document?: unknown;
  isDefaultVersion?: boolean;
}

/** The recorded document: Config stores it URL-encoded; RDK's sample item wraps it in an array. */
function recordedDocument(raw: unknown): string | object | undefined {
  if (Array.isArray(raw)) return recordedDocument(raw[0]);
  if (typeof raw === 'string' || (typeof raw === 'object' && raw !== null)) return raw;
  return undefined;
}

/**
 * Maps an AWS::IAM::Policy configuration item (camelCase configuration, `policyVersionList[]`
 * with `isDefaultVersion`) to the shape the policy rules evaluate.
 */
export function policyFromConfigurationItem(item: ConfigurationItem): RuleResource<CustomerManagedPolicy> {
  const c = (item.configuration ?? {}) as {
    policyId?: string;
    policyName?: string;
    arn?: string;
    policyVersionList?: PolicyVersionItem[];
  };
  const current = (c.policyVersionList ?? []).find((v) => v.isDefaultVersion);
  return {
    resourceType: item.resourceType,
    resourceId: item.resourceId,
    configuration: {
      policyId: c.policyId ?? item.resourceId,
      policyName: c.policyName ?? item.resourceName ?? item.resourceId,
      arn: c.arn ?? item.ARN ?? '',
      document: recordedDocument(current?.document),
    },
    tags: item.tags ?? {},
  };
}

/** A listed policy as a resource of the per-policy rules. */
export function policyResource(p: CustomerManagedPolicy): RuleResource<CustomerManagedPolicy> {
  return { resourceType: IAM_POLICY_RESOURCE_TYPE, resourceId: p.policyId, configuration: p };
}
