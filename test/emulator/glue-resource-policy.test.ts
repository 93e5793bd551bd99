import {
  DeleteResourcePolicyCommand,
  GetResourcePolicyCommand,
  GlueClient,
  PutResourcePolicyCommand,
} from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './context';

const emulator = useEmulator();
const glue = new GlueClient(emulator.clientConfig);
const catalogArn = () => `arn:aws:glue:${emulator.region}:${emulator.accountId}:catalog`;
const policy = () =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${emulator.accountId}:root` },
        Action: 'glue:GetDatabase',
        Resource: catalogArn(),
      },
    ],
  });

describe('Emulator fidelity: Glue GetResourcePolicy', () => {
  it('answers EntityNotFoundException for a catalog without a policy, as AWS does', async () => {
    // Act
    const act = glue.send(new GetResourcePolicyCommand({ ResourceArn: catalogArn() }));
    // Assess
    await expect(act).rejects.toMatchObject({ name: 'EntityNotFoundException' });
    await expect(glue.send(new GetResourcePolicyCommand({}))).rejects.toMatchObject({
      name: 'EntityNotFoundException',
    });
  });

  it('returns a stored policy with its hash, and EntityNotFoundException again once it is deleted', async () => {
    // Prepare
    await glue.send(new PutResourcePolicyCommand({ PolicyInJson: policy(), ResourceArn: catalogArn() }));
    // Act
    const out = await glue.send(new GetResourcePolicyCommand({ ResourceArn: catalogArn() }));
    await glue.send(new DeleteResourcePolicyCommand({ ResourceArn: catalogArn() }));
    // Assess
    expect(JSON.parse(out.PolicyInJson!)).toEqual(JSON.parse(policy()));
    expect(out.PolicyHash).toMatch(/\S/);
    await expect(
      glue.send(new GetResourcePolicyCommand({ ResourceArn: catalogArn() })),
    ).rejects.toMatchObject({
      name: 'EntityNotFoundException',
    });
  });
});
