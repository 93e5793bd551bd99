import type { Connection } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import {
  DATABASE_CONNECTION_TYPES,
  enforcesSsl,
  isDatabaseConnection,
  isJdbc,
  isVpcBound,
  SslProperty,
  sslProperty,
  usesJdbcSsl,
} from '../../../functions/rules/lib/connections';

const URL = { JDBC_CONNECTION_URL: 'jdbc:mysql://core.bank.internal:3306/core' };
const typed = (type: string, props: Record<string, string> = {}): Connection => ({
  Name: type.toLowerCase(),
  ConnectionType: type as never,
  ConnectionProperties: props,
});

describe('lib/connections', () => {
  it('counts JDBC, typed relational engines and document databases as database connections', () => {
    // Act
    const judged = [
      'JDBC',
      'MYSQL',
      'POSTGRESQL',
      'ORACLE',
      'SQLSERVER',
      'REDSHIFT',
      'SNOWFLAKE',
      'MONGODB',
    ].map((t) => isDatabaseConnection(typed(t)));
    const notJudged = ['KAFKA', 'NETWORK', 'SALESFORCE', 'DYNAMODB', 'BIGQUERY', 'OPENSEARCH', 'CUSTOM'].map(
      (t) => isDatabaseConnection(typed(t)),
    );

    // Assess
    expect(judged.every(Boolean)).toBe(true);
    expect(notJudged.some(Boolean)).toBe(false);
    expect(DATABASE_CONNECTION_TYPES.has('JDBC')).toBe(true);
  });

  it('treats an untyped connection with a JDBC URL as JDBC, as older definitions were', () => {
    // Assess
    expect(isJdbc({ Name: 'legacy', ConnectionProperties: URL })).toBe(true);
    expect(isDatabaseConnection({ Name: 'legacy', ConnectionProperties: URL })).toBe(true);
    expect(isJdbc({ Name: 'bare' })).toBe(false);
    expect(isJdbc(typed('MYSQL', URL))).toBe(false);
  });

  it('places every database connection and NETWORK connection in a VPC', () => {
    // Assess
    expect(isVpcBound(typed('NETWORK'))).toBe(true);
    expect(isVpcBound(typed('SQLSERVER'))).toBe(true);
    expect(isVpcBound(typed('KAFKA'))).toBe(false);
  });

  it('judges JDBC_ENFORCE_SSL on JDBC and on a typed connection that carries a JDBC URL', () => {
    // Assess
    expect(usesJdbcSsl(typed('JDBC', URL))).toBe(true);
    expect(usesJdbcSsl(typed('MYSQL', URL))).toBe(true);
    expect(usesJdbcSsl(typed('MYSQL', { HOST: 'core', PORT: '3306', DATABASE: 'core' }))).toBe(false);
    expect(sslProperty(typed('MYSQL', URL))).toBe(SslProperty.JDBC);
    expect(sslProperty(typed('JDBC'))).toBe(SslProperty.JDBC);
  });

  it('judges ENFORCE_SSL on typed engine connections defined by host, port and database', () => {
    // Assess
    for (const t of ['MYSQL', 'POSTGRESQL', 'ORACLE', 'SQLSERVER', 'REDSHIFT', 'DOCUMENTDB']) {
      expect(sslProperty(typed(t, { HOST: 'h', PORT: '1', DATABASE: 'd' })), t).toBe(SslProperty.TYPED);
    }
  });

  it('judges no SSL property where the service always encrypts or TLS lives in the URL', () => {
    // Assess
    for (const t of ['SNOWFLAKE', 'AZURESQL', 'SYNAPSE', 'MONGODB', 'KAFKA', 'NETWORK']) {
      expect(sslProperty(typed(t, { HOST: 'h' })), t).toBeUndefined();
    }
  });

  it('reads the judged property as true only when it says true', () => {
    // Assess
    expect(enforcesSsl(typed('JDBC', { ...URL, JDBC_ENFORCE_SSL: ' TRUE ' }))).toBe(true);
    expect(enforcesSsl(typed('JDBC', { ...URL, ENFORCE_SSL: 'true' }))).toBe(false);
    expect(enforcesSsl(typed('ORACLE', { HOST: 'h', ENFORCE_SSL: 'true' }))).toBe(true);
    expect(enforcesSsl(typed('ORACLE', { HOST: 'h', ENFORCE_SSL: 'false' }))).toBe(false);
    expect(enforcesSsl(typed('ORACLE', { ...URL, ENFORCE_SSL: 'true' }))).toBe(false);
  });
});
