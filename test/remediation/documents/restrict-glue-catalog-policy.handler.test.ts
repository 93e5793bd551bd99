import { GetResourcePolicyCommand, PutResourcePolicyCommand } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../emulator/context';
import { automationFields, resultOf, runHandler } from './support/handler';
import { glue } from './support/seed';

const emulator = useEmulator();
const SCRIPT = 'RestrictGlueCatalogPolicy';
const CATALOG = 'arn:aws:glue:us-east-1:123456789012:catalog';
const ACTIONS = ['glue:GetDatabase', 'glue:GetTable'];

const statements = {
  publicRead: { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: ACTIONS, Resource: `${CATALOG}` },
  anyAws: { Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ACTIONS, Resource: CATALOG },
  ifExists: {
    Sid: 'IfExistsConfinesNothing',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: ACTIONS,
    Resource: CATALOG,
    Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-0abc' } },
  },
  orgOnly: {
    Sid: 'OrgOnly',
    Effect: 'Allow',
    Principal: '*',
    Action: ACTIONS,
    Resource: CATALOG,
    Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } },
  },
  partner: {
    Sid: 'Partner',
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::444455556666:root' },
    Action: ACTIONS,
    Resource: CATALOG,
  },
};

async function putPolicy(list: object[]): Promise<void> {
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: list });
  await glue(emulator).send(new PutResourcePolicyCommand({ PolicyInJson: policy }));
}

async function readPolicy(): Promise<{ Statement: object[] } | undefined> {
  // No policy is answered with EntityNotFoundException (GetResourcePolicy, AWS Glue API reference).
  const out = await glue(emulator)
    .send(new GetResourcePolicyCommand({}))
    .catch((error: unknown) => {
      if ((error as Error).name === 'EntityNotFoundException') return undefined;
      throw error;
    });
  if (out === undefined) return undefined;
  return out.PolicyInJson ? (JSON.parse(out.PolicyInJson) as { Statement: object[] }) : undefined;
}

function payload(): Record<string, unknown> {
  return { CatalogId: emulator.accountId, EnableHybrid: 'FALSE', ...automationFields(emulator) };
}

describe('Script: restrict_glue_catalog_policy.py', () => {
  it('removes unconditioned public statements and keeps the others as written', async () => {
    // Prepare
    const { publicRead, anyAws, ifExists, orgOnly, partner } = statements;
    await putPolicy([publicRead, orgOnly, anyAws, partner, ifExists]);

    // Act
    const result = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload()));

    // Assess
    expect(result.outcome).toBe('REMEDIATED');
    expect(result.changes).toEqual([
      { field: 'Statement/PublicRead', before: publicRead, after: null },
      { field: 'Statement/Statement[2]', before: anyAws, after: null },
      { field: 'Statement/IfExistsConfinesNothing', before: ifExists, after: null },
    ]);
    expect(await readPolicy()).toEqual({ Version: '2012-10-17', Statement: [orgOnly, partner] });
    expect((await runHandler(emulator, SCRIPT, 'verify', payload())).ok).toBe(true);
  });

  it('deletes the policy when no statement remains', async () => {
    // Prepare
    await putPolicy([statements.publicRead]);

    // Act
    const result = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload()));

    // Assess
    expect(result.message).toContain('policy deleted');
    expect(await readPolicy()).toBeUndefined();
  });

  it('reports NO_CHANGE when there is no policy, or nothing open in it', async () => {
    // Prepare
    const none = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload()));
    await putPolicy([statements.orgOnly]);

    // Act
    const closed = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload()));

    // Assess
    expect(none).toMatchObject({ outcome: 'NO_CHANGE', message: 'The Data Catalog has no resource policy' });
    expect(closed).toMatchObject({ outcome: 'NO_CHANGE', changes: [] });
  });

  it('fails instead of overwriting a policy changed since it was read (PolicyHashCondition)', async () => {
    // Prepare
    await putPolicy([statements.publicRead, statements.orgOnly]);
    const concurrentChange = [
      'read = module._read',
      'def stale(glue, arn):',
      '    policy, policy_hash = read(glue, arn)',
      "    glue.put_resource_policy(PolicyInJson=json.dumps({**policy, 'Id': 'changed'}), ResourceArn=arn)",
      '    return policy, policy_hash',
      'import json',
      'module._read = stale',
    ].join('\n');

    // Act
    const run = await runHandler(emulator, SCRIPT, 'handler', payload(), { patch: concurrentChange });

    // Assess
    expect(run.ok).toBe(false);
    expect(run.error).toContain('ConcurrentModificationException');
    expect(await readPolicy()).toMatchObject({
      Id: 'changed',
      Statement: [statements.publicRead, statements.orgOnly],
    });
  });

  it('verification names the statements that are still open', async () => {
    // Prepare
    await putPolicy([statements.publicRead, statements.orgOnly]);

    // Act
    const run = await runHandler(emulator, SCRIPT, 'verify', payload());

    // Assess
    expect(run.ok).toBe(false);
    expect(run.error).toContain('Statements still allow any principal: PublicRead');
  });
});
