import type { Connection } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule as credentials } from '../../functions/rules/glue-connection-credentials-in-secrets-manager';
import { rule as inVpc } from '../../functions/rules/glue-connection-in-vpc';
import { evaluateAccount } from '../support/rule-context';

// Connection rules: blank values, absent property blocks and unnamed connections (issue 11:
// survivors of the mutation run), with literal expected offenders.

const offendersOf = async (rule: typeof credentials, connections: Connection[]) =>
  (await evaluateAccount(rule, { connections: async () => connections })).offenders;

describe('glue-connection-credentials-in-secrets-manager: where the secret is named', () => {
  it.each<[string, Partial<Connection>, string[] | undefined]>([
    [
      'SecretArn, no ConnectionProperties',
      { AuthenticationConfiguration: { SecretArn: 'arn:secret' } },
      undefined,
    ],
    ['empty SparkProperties, nothing else', { SparkProperties: {} }, ['db (no Secrets Manager secret)']],
    ['a blank SECRET_ID', { ConnectionProperties: { SECRET_ID: '  ' } }, ['db (no Secrets Manager secret)']],
    [
      'a blank SecretArn',
      { ConnectionProperties: {}, AuthenticationConfiguration: { SecretArn: ' ' } },
      ['db (no Secrets Manager secret)'],
    ],
    ['a blank Spark secretId', { SparkProperties: { secretId: '  ' } }, ['db (no Secrets Manager secret)']],
    [
      'a secret and a blank USERNAME',
      { ConnectionProperties: { SECRET_ID: 'db-secret', USERNAME: '  ' } },
      undefined,
    ],
    [
      'a secret and a USERNAME',
      { ConnectionProperties: { SECRET_ID: 'db-secret', USERNAME: 'etl' } },
      ['db (stores a user name beside its secret)'],
    ],
  ])('%s', async (_, fields, offenders) => {
    expect(await offendersOf(credentials, [{ Name: 'db', ConnectionType: 'JDBC', ...fields }])).toEqual(
      offenders,
    );
  });

  it('names a connection without a name "(unnamed)"', async () => {
    expect(await offendersOf(credentials, [{ ConnectionType: 'JDBC', ConnectionProperties: {} }])).toEqual([
      '(unnamed) (no Secrets Manager secret)',
    ]);
  });
});

describe('glue-connection-in-vpc: placement', () => {
  it.each<[string, Connection['PhysicalConnectionRequirements'], string[] | undefined]>([
    ['neither subnet nor security group', {}, ['net (no subnet and no security group)']],
    ['a blank subnet', { SubnetId: '  ', SecurityGroupIdList: ['sg-1'] }, ['net (no subnet)']],
    [
      'only blank security groups',
      { SubnetId: 'subnet-1', SecurityGroupIdList: ['  ', ''] },
      ['net (no security group)'],
    ],
    [
      'a subnet and one real group among blanks',
      { SubnetId: 'subnet-1', SecurityGroupIdList: ['', 'sg-1'] },
      undefined,
    ],
  ])('%s', async (_, req, offenders) => {
    const c: Connection = { Name: 'net', ConnectionType: 'NETWORK', PhysicalConnectionRequirements: req };
    expect(await offendersOf(inVpc, [c])).toEqual(offenders);
  });

  it('names a connection without a name "(unnamed)"', async () => {
    expect(await offendersOf(inVpc, [{ ConnectionType: 'NETWORK' }])).toEqual([
      '(unnamed) (no physical connection requirements)',
    ]);
  });
});
