import { GlueClient, PutResourcePolicyCommand } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../../functions/rules/glue-catalog-policy-restricted';
import { useEmulator } from '../../emulator/context';
import { sweepRule } from '../../support/sweep';

const emulator = useEmulator();
const CATALOG = `arn:aws:glue:${emulator.region}:${emulator.accountId}:catalog`;

const run = (ruleParameters?: Record<string, string>) =>
  sweepRule(emulator, rule, { ruleParameters, record: [GlueClient] });

describe('Rule: glue-catalog-policy-restricted on the emulator', () => {
  it('reports an account without a catalog policy as COMPLIANT', async () => {
    // Act
    const { stored, calls } = await run();

    // Assess
    expect(stored).toMatchObject([
      {
        ComplianceResourceType: 'AWS::::Account',
        ComplianceResourceId: emulator.accountId,
        ComplianceType: 'COMPLIANT',
      },
    ]);
    expect(calls.map((c) => c.command)).toEqual(['GetResourcePolicyCommand']);
  });

  it('names the open statement and accepts an org-confined one', async () => {
    // Prepare
    const glue = new GlueClient(emulator.clientConfig);
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'OrgRead',
          Effect: 'Allow',
          Principal: '*',
          Action: 'glue:GetTable',
          Resource: CATALOG,
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
        },
        {
          Sid: 'AnyoneRead',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'glue:GetDatabase',
          Resource: CATALOG,
          Condition: { StringLike: { 'aws:PrincipalOrgID': 'o-*' } },
        },
      ],
    };
    await glue.send(new PutResourcePolicyCommand({ PolicyInJson: JSON.stringify(policy) }));

    // Act
    const { stored } = await run({ allowedAccountIds: '444455556666' });

    // Assess
    expect(stored).toMatchObject([
      {
        ComplianceResourceType: 'AWS::::Account',
        ComplianceType: 'NON_COMPLIANT',
        Annotation:
          '1 Data Catalog policy statement too open: AnyoneRead allows any principal without a restricting condition',
      },
    ]);
  });
});
