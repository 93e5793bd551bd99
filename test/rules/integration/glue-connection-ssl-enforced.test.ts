import { Logger } from '@aws-lambda-powertools/logger';
import { CreateConnectionCommand, GlueClient } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../../emulator/config-service';
import { rule } from '../../../functions/rules/glue-connection-ssl-enforced';
import { toHandler } from '../../../functions/runtime/handler';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
const PASSWORD = 'Sup3r-Secret-Ledger-Pa55';

async function connection(glue: GlueClient, name: string, type: string, props: Record<string, string>) {
  await glue.send(
    new CreateConnectionCommand({
      ConnectionInput: { Name: name, ConnectionType: type as never, ConnectionProperties: props },
    }),
  );
}

describe('Rule: glue-connection-ssl-enforced on the emulator', () => {
  it('names JDBC and typed database offenders, ignores other types and never requests or logs a password', async () => {
    // Prepare
    const glue = new GlueClient(emulator.clientConfig);
    const jdbc = (ssl?: string) => ({
      JDBC_CONNECTION_URL: 'jdbc:mysql://db.internal:3306/ledger',
      USERNAME: 'etl',
      PASSWORD,
      ...(ssl ? { JDBC_ENFORCE_SSL: ssl } : {}),
    });
    await connection(glue, 'ledger-mysql', 'JDBC', jdbc('true'));
    await connection(glue, 'cards-mysql', 'JDBC', jdbc());
    await connection(glue, 'events-kafka', 'KAFKA', { KAFKA_BOOTSTRAP_SERVERS: 'b-1.kafka.internal:9094' });
    // Typed connectors: one with a JDBC URL (judged on JDBC_ENFORCE_SSL), one by host (ENFORCE_SSL)
    await connection(glue, 'core-banking', 'MYSQL', jdbc());
    await connection(glue, 'payments', 'ORACLE', {
      HOST: 'payments.internal',
      PORT: '1521',
      DATABASE: 'pay',
      USERNAME: 'etl',
      PASSWORD,
      ENFORCE_SSL: 'true',
    });
    await connection(glue, 'loans', 'POSTGRESQL', {
      HOST: 'loans.internal',
      PORT: '5432',
      DATABASE: 'loans',
    });
    const aws = emulatorAws(emulator);
    const calls = recordCalls(aws, GlueClient);
    const lines: string[] = [];
    const logger = new Logger({ serviceName: rule.id, logLevel: 'DEBUG' });
    const capture = (...args: unknown[]): void => {
      lines.push(args.map(String).join(' '));
    };
    Object.assign(logger, {
      printLog: (_level: unknown, log: { getAttributes(): unknown }) =>
        capture(JSON.stringify(log.getAttributes())),
    });
    // Act
    const result = await toHandler(rule, { aws, logger })(
      scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      {
        ComplianceResourceType: 'AWS::::Account',
        ComplianceType: 'NON_COMPLIANT',
        Annotation:
          '3 of 5 database connections do not enforce SSL: cards-mysql (JDBC_ENFORCE_SSL not true), core-banking (JDBC_ENFORCE_SSL not true), loans (ENFORCE_SSL not true)',
      },
    ]);
    // Exactly one listing, and it asked for passwords hidden (an empty list would prove nothing).
    expect(calls.map((c) => [c.command, c.input.HidePassword])).toEqual([['GetConnectionsCommand', true]]);
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify({ result, lines })).not.toContain(PASSWORD);
  });
});
