import {
  CreatePolicyCommand,
  GetAccountAuthorizationDetailsCommand,
  IAMClient,
  ListPoliciesCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './context';

const emulator = useEmulator();

describe('Emulator fidelity: IAM GetAccountAuthorizationDetails', () => {
  it('returns PolicyName and PolicyId for every customer managed policy, as AWS does', async () => {
    // Prepare
    const iam = new IAMClient(emulator.clientConfig);
    const created = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'GlueReadOnly',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'glue:GetJobs', Resource: '*' }],
        }),
      }),
    );
    // Act
    const details = await iam.send(
      new GetAccountAuthorizationDetailsCommand({ Filter: ['LocalManagedPolicy'] }),
    );
    // Assess
    expect(details.Policies).toHaveLength(1);
    expect(details.Policies?.[0]).toMatchObject({
      PolicyName: 'GlueReadOnly',
      PolicyId: created.Policy?.PolicyId,
      Arn: created.Policy?.Arn,
    });
    expect(details.Policies?.[0]?.PolicyVersionList?.[0]?.IsDefaultVersion).toBe(true);
    // ListPolicies keeps its own (already correct) shape.
    const listed = await iam.send(new ListPoliciesCommand({ Scope: 'Local' }));
    expect(listed.Policies?.[0]).toMatchObject({
      PolicyName: 'GlueReadOnly',
      PolicyId: created.Policy?.PolicyId,
    });
  });
});
