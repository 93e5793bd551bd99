import { GetResourcePolicyCommand, PutResourcePolicyCommand } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../../functions/rules/glue-catalog-policy-restricted';
import { useEmulator } from '../../emulator/context';
import { evaluateRule, expectTwoResults, outcomeOf, resultInbox, runDocument } from './support/e2e';
import { glue } from './support/seed';

const emulator = useEmulator();
const DOCUMENT = 'RestrictGlueCatalogPolicy';
const CATALOG = 'arn:aws:glue:us-east-1:123456789012:catalog';
const publicRead = {
  Sid: 'PublicRead',
  Effect: 'Allow',
  Principal: '*',
  Action: 'glue:GetTable',
  Resource: CATALOG,
};
const orgRead = {
  Sid: 'OrgRead',
  Effect: 'Allow',
  Principal: { AWS: '*' },
  Action: ['glue:GetDatabase', 'glue:GetTable'],
  Resource: CATALOG,
  Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } },
};

async function readPolicy(): Promise<unknown> {
  // No policy is answered with EntityNotFoundException (GetResourcePolicy, AWS Glue API reference).
  const out = await glue(emulator)
    .send(new GetResourcePolicyCommand({}))
    .catch((error: unknown) => {
      if ((error as Error).name === 'EntityNotFoundException') return undefined;
      throw error;
    });
  if (out === undefined) return undefined;
  return out.PolicyInJson ? JSON.parse(out.PolicyInJson) : undefined;
}

describe(`Document: ${DOCUMENT}`, () => {
  it('removes the public statement, keeps the rest, satisfies the rule, then reports no change', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    const policy = { Version: '2012-10-17', Statement: [publicRead, orgRead] };
    await glue(emulator).send(new PutResourcePolicyCommand({ PolicyInJson: JSON.stringify(policy) }));
    expect((await evaluateRule(emulator, rule))[0]?.ComplianceType).toBe('NON_COMPLIANT');
    const parameters = { CatalogId: emulator.accountId };

    // Act
    const first = await runDocument(emulator, DOCUMENT, inbox, parameters);
    const after = await readPolicy();
    const evaluations = await evaluateRule(emulator, rule);
    const second = await runDocument(emulator, DOCUMENT, inbox, parameters);

    // Assess
    expect([first.AutomationExecutionStatus, outcomeOf(first)]).toEqual(['Success', 'REMEDIATED']);
    expect(after).toEqual({ Version: '2012-10-17', Statement: [orgRead] });
    expect(evaluations.map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual([
      [emulator.accountId, 'COMPLIANT'],
    ]);
    expect([second.AutomationExecutionStatus, outcomeOf(second)]).toEqual(['Success', 'NO_CHANGE']);
    const [result] = await expectTwoResults(inbox, {
      rule: rule.id,
      resourceType: 'AWS::::Account',
      document: DOCUMENT,
      resource: emulator.accountId,
    });
    expect(result.changes).toEqual([{ field: 'Statement/PublicRead', before: publicRead, after: null }]);
  });
});
