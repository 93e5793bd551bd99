import type { Connection } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-connection-credentials-in-secrets-manager';
import { evaluateAccount } from '../support/rule-context';

const URL = { JDBC_CONNECTION_URL: 'jdbc:postgresql://ledger.example.internal:5432/ledger' };
const jdbc = (name: string, props: Record<string, string>, extra: Partial<Connection> = {}): Connection => ({
  Name: name,
  ConnectionType: 'JDBC',
  ConnectionProperties: { ...URL, ...props },
  ...extra,
});
const connections = (list: Connection[]) => ({ connections: async () => list });

describe('Rule: glue-connection-credentials-in-secrets-manager', () => {
  it('1. no database connections (other types are not judged) -> NOT_APPLICABLE', async () => {
    // Prepare
    const kafka: Connection = {
      Name: 'events',
      ConnectionType: 'KAFKA',
      ConnectionProperties: { USERNAME: 'x' },
    };
    const network: Connection = { Name: 'egress', ConnectionType: 'NETWORK', ConnectionProperties: {} };

    // Act
    const v = await evaluateAccount(rule, connections([kafka, network]));

    // Assess
    expect(v).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: 'No database connections in this account and region',
    });
  });

  it('2. a JDBC connection with USERNAME/PASSWORD and no secret -> NON_COMPLIANT, named', async () => {
    // Prepare: the lookup has already stripped PASSWORD; USERNAME is what remains visible.
    const stored = jdbc('cards', { USERNAME: 'etl' });

    // Act
    const v = await evaluateAccount(
      rule,
      connections([stored, jdbc('ledger', { SECRET_ID: 'prod/ledger' })]),
    );

    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation:
        '1 of 2 database connections not using Secrets Manager: cards (user name and password stored in the connection)',
      offenders: ['cards (user name and password stored in the connection)'],
    });
  });

  it('3. a JDBC connection with SECRET_ID -> COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(rule, connections([jdbc('ledger', { SECRET_ID: 'prod/ledger' })]));

    // Assess
    expect(v.compliance).toBe('COMPLIANT');
  });

  it('4. a JDBC connection with AuthenticationConfiguration.SecretArn -> COMPLIANT', async () => {
    // Prepare
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/ledger-AbCdEf';
    const c = jdbc(
      'ledger',
      {},
      { AuthenticationConfiguration: { AuthenticationType: 'BASIC', SecretArn: arn } },
    );

    // Act
    const v = await evaluateAccount(rule, connections([c]));

    // Assess
    expect(v.compliance).toBe('COMPLIANT');
  });

  it('5. a JDBC connection with a secret and a stored USERNAME as well -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      connections([jdbc('risk', { SECRET_ID: 'prod/risk', USERNAME: 'etl' })]),
    );

    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual(['risk (stores a user name beside its secret)']);
  });

  it('6. a JDBC connection with neither secret nor user name -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(rule, connections([jdbc('bare', {})]));

    // Assess
    expect(v.offenders).toEqual(['bare (no Secrets Manager secret)']);
  });

  it('7. a typed database connection (MYSQL, MONGODB, ...) with USERNAME/PASSWORD and no secret -> NON_COMPLIANT, named', async () => {
    // Prepare: the core-banking connection the JDBC-only rule used to skip (PASSWORD already stripped)
    const core: Connection = {
      Name: 'core-banking',
      ConnectionType: 'MYSQL',
      ConnectionProperties: {
        JDBC_CONNECTION_URL: 'jdbc:mysql://core.bank.internal:3306/core',
        USERNAME: 'etl',
      },
    };
    const docs: Connection = {
      Name: 'statements',
      ConnectionType: 'MONGODB',
      ConnectionProperties: {
        CONNECTION_URL: 'mongodb://docs.bank.internal:27017/statements',
        USERNAME: 'etl',
      },
    };
    const oracle: Connection = {
      Name: 'payments',
      ConnectionType: 'ORACLE',
      ConnectionProperties: { HOST: 'payments.bank.internal', PORT: '1521', DATABASE: 'pay' },
      AuthenticationConfiguration: {
        AuthenticationType: 'BASIC',
        SecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:pay-AbCdEf',
      },
    };

    // Act
    const v = await evaluateAccount(rule, connections([core, docs, oracle]));

    // Assess
    expect(v.annotation).toBe(
      '2 of 3 database connections not using Secrets Manager: core-banking (user name and password stored in the connection), statements (user name and password stored in the connection)',
    );
  });

  it('8. a typed connection whose Spark properties name the secret (secretId) -> COMPLIANT', async () => {
    // Prepare
    const warehouse: Connection = {
      Name: 'warehouse',
      ConnectionType: 'SNOWFLAKE' as never,
      ConnectionProperties: {},
      SparkProperties: { secretId: 'prod/snowflake', sfUrl: 'https://acme.snowflakecomputing.com' },
    };

    // Act
    const v = await evaluateAccount(rule, connections([warehouse]));

    // Assess
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'All 1 database connections take credentials from Secrets Manager',
    });
  });

  it('9. a connection authenticated with IAM and no stored user name -> COMPLIANT', async () => {
    // Prepare: IAM database authentication stores no credential at all
    const redshift: Connection = {
      Name: 'analytics',
      ConnectionType: 'REDSHIFT' as never,
      ConnectionProperties: { HOST: 'analytics.bank.internal', PORT: '5439', DATABASE: 'dw' },
      AuthenticationConfiguration: { AuthenticationType: 'IAM' },
    };

    // Act
    const v = await evaluateAccount(rule, connections([redshift]));

    // Assess
    expect(v.compliance).toBe('COMPLIANT');
  });

  it('10. many offenders -> annotation truncated, all in offenders', async () => {
    // Prepare
    const many = Array.from({ length: 40 }, (_, i) => jdbc(`warehouse-connection-${i}`, { USERNAME: 'etl' }));

    // Act
    const v = await evaluateAccount(rule, connections(many));

    // Assess
    expect(v.annotation.length).toBeLessThanOrEqual(256);
    expect(v.annotation).toMatch(/and \d+ more$/);
    expect(v.offenders).toHaveLength(40);
  });
});
