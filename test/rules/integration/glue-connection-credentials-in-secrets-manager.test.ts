import { Logger } from '@aws-lambda-powertools/logger';
import { type ConnectionInput, CreateConnectionCommand, GlueClient } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../../emulator/config-service';
import { rule } from '../../../functions/rules/glue-connection-credentials-in-secrets-manager';
import { toHandler } from '../../../functions/runtime/handler';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
const PASSWORD = 'Ledger-Pa55w0rd-Never-Logged';
const URL = 'jdbc:postgresql://ledger.internal:5432/ledger';

describe('Rule: glue-connection-credentials-in-secrets-manager on the emulator', () => {
  it('names connections with stored credentials and never requests or reports a password', async () => {
    // Prepare
    const glue = new GlueClient(emulator.clientConfig);
    const inputs: ConnectionInput[] = [
      {
        Name: 'cards-stored',
        ConnectionType: 'JDBC',
        ConnectionProperties: { JDBC_CONNECTION_URL: URL, USERNAME: 'etl', PASSWORD },
      },
      {
        Name: 'ledger-secret',
        ConnectionType: 'JDBC',
        ConnectionProperties: { JDBC_CONNECTION_URL: URL, SECRET_ID: 'prod/ledger' },
      },
      {
        Name: 'risk-auth-config',
        ConnectionType: 'JDBC',
        ConnectionProperties: { JDBC_CONNECTION_URL: URL },
        AuthenticationConfiguration: {
          AuthenticationType: 'BASIC',
          SecretArn: `arn:aws:secretsmanager:${emulator.region}:${emulator.accountId}:secret:prod/risk-AbCdEf`,
        },
      },
      {
        // A typed connector with a stored password: the case the JDBC-only rule used to miss
        Name: 'core-banking',
        ConnectionType: 'MYSQL' as never,
        ConnectionProperties: {
          JDBC_CONNECTION_URL: 'jdbc:mysql://core.internal:3306/core',
          USERNAME: 'etl',
          PASSWORD,
        },
      },
      {
        Name: 'payments',
        ConnectionType: 'ORACLE' as never,
        ConnectionProperties: { HOST: 'payments.internal', PORT: '1521', DATABASE: 'pay' },
        AuthenticationConfiguration: {
          AuthenticationType: 'BASIC',
          SecretArn: `arn:aws:secretsmanager:${emulator.region}:${emulator.accountId}:secret:prod/pay-AbCdEf`,
        },
      },
      {
        Name: 'events',
        ConnectionType: 'KAFKA',
        ConnectionProperties: { KAFKA_BOOTSTRAP_SERVERS: 'b-1.internal:9094' },
      },
    ];
    for (const ConnectionInput of inputs) await glue.send(new CreateConnectionCommand({ ConnectionInput }));
    const aws = emulatorAws(emulator);
    const calls = recordCalls(aws, GlueClient);
    const lines: string[] = [];
    const logger = new Logger({ serviceName: rule.id, logLevel: 'DEBUG' });
    Object.assign(logger, {
      printLog: (_level: unknown, log: { getAttributes(): unknown }) =>
        lines.push(JSON.stringify(log.getAttributes())),
    });

    // Act
    const result = await toHandler(rule, { aws, logger })(
      scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );

    // Assess
    const stored = await readStoredEvaluations(emulator.endpoint, rule.id);
    expect(stored).toMatchObject([
      {
        ComplianceResourceType: 'AWS::::Account',
        ComplianceType: 'NON_COMPLIANT',
        Annotation:
          '2 of 5 database connections not using Secrets Manager: cards-stored (user name and password stored in the connection), core-banking (user name and password stored in the connection)',
      },
    ]);
    expect(calls.map((c) => [c.command, c.input.HidePassword])).toEqual([['GetConnectionsCommand', true]]);
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify({ result, lines, stored })).not.toContain(PASSWORD);
  });
});
