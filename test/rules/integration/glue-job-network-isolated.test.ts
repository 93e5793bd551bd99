import { Logger } from '@aws-lambda-powertools/logger';
import {
  type ConnectionInput,
  CreateConnectionCommand,
  CreateJobCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../../emulator/config-service';
import { rule } from '../../../functions/rules/glue-job-network-isolated';
import { toHandler } from '../../../functions/runtime/handler';
import type { ConfigurationItem } from '../../../functions/runtime/types';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { changeEvent, fixture, scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });
const PCR = {
  SubnetId: 'subnet-0c1d2e3f4a5b6c7d8',
  SecurityGroupIdList: ['sg-0a9b8c7d6e5f4a3b2'],
  AvailabilityZone: 'us-east-1a',
};

async function seedConnections(glue: GlueClient): Promise<void> {
  const inputs: ConnectionInput[] = [
    {
      Name: 'settlement-vpc',
      ConnectionType: 'NETWORK',
      ConnectionProperties: {},
      PhysicalConnectionRequirements: PCR,
    },
    {
      Name: 'ledger-pg',
      ConnectionType: 'JDBC',
      ConnectionProperties: {
        JDBC_CONNECTION_URL: 'jdbc:postgresql://ledger.internal:5432/ledger',
        SECRET_ID: 'glue/ledger-pg',
      },
      PhysicalConnectionRequirements: PCR,
    },
    {
      Name: 'public-kafka',
      ConnectionType: 'KAFKA',
      ConnectionProperties: { KAFKA_BOOTSTRAP_SERVERS: 'b-1.events.example.com:9094' },
    },
  ];
  for (const input of inputs) await glue.send(new CreateConnectionCommand({ ConnectionInput: input }));
}

/** Spark jobs covering the proxy arguments, in DefaultArguments and NonOverridableArguments. */
async function seedJobs(glue: GlueClient): Promise<void> {
  await seedConnections(glue);
  const jobs: Array<[string, string[], Record<string, string>, Record<string, string>?]> = [
    ['isolated-etl', ['ledger-pg'], { '--disable-proxy-v2': 'true' }],
    ['legacy-etl', ['ledger-pg'], { '--disable-proxy': 'true' }],
    ['pinned-etl', ['settlement-vpc'], { '--disable-proxy-v2': 'true' }, { '--disable-proxy-v2': 'false' }],
    ['proxied-etl', ['settlement-vpc'], {}],
    ['kafka-etl', ['public-kafka'], {}],
    ['plain-etl', [], {}],
  ];
  for (const [name, connections, args, fixedArgs] of jobs) {
    await glue.send(
      new CreateJobCommand({
        Name: name,
        Role: 'arn:aws:iam::123456789012:role/GlueEtl',
        Command: { Name: 'glueetl', ScriptLocation: `s3://assets/${name}.py` },
        GlueVersion: '4.0',
        DefaultArguments: args,
        ...(fixedArgs ? { NonOverridableArguments: fixedArgs } : {}),
        ...(connections.length ? { Connections: { Connections: connections } } : {}),
      }),
    );
  }
}

describe('Rule: glue-job-network-isolated on the emulator', () => {
  it('evaluates a changed job in a VPC against its NETWORK connection', async () => {
    // Prepare
    await seedConnections(new GlueClient(emulator.clientConfig));
    const item = fixture<ConfigurationItem>('glue-job-vpc-configuration-item.json');
    // Act
    await toHandler(rule, { aws: emulatorAws(emulator), logger })(
      changeEvent(item, { configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      {
        ComplianceResourceType: 'AWS::Glue::Job',
        ComplianceResourceId: 'cards-settlement-etl',
        ComplianceType: 'NON_COMPLIANT',
        Annotation: 'Job uses VPC connection settlement-vpc but --disable-proxy-v2 is not set',
      },
    ]);
  });

  it('sweeps jobs with one GetJobs and one GetConnections (passwords hidden)', async () => {
    // Prepare
    await seedJobs(new GlueClient(emulator.clientConfig));
    const aws = emulatorAws(emulator);
    const calls = recordCalls(aws, GlueClient);
    // Act
    await toHandler(rule, { aws, logger })(
      scheduledEvent({
        configRuleName: rule.id,
        resultToken: mintResultToken(rule.id),
        ruleParameters: { requireConnection: 'true' },
      }),
    );
    // Assess
    const stored = await readStoredEvaluations(emulator.endpoint, rule.id);
    expect(stored.map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual([
      ['isolated-etl', 'COMPLIANT'],
      ['kafka-etl', 'NON_COMPLIANT'],
      ['legacy-etl', 'NON_COMPLIANT'],
      ['pinned-etl', 'NON_COMPLIANT'],
      ['plain-etl', 'NON_COMPLIANT'],
      ['proxied-etl', 'NON_COMPLIANT'],
    ]);
    expect(stored.find((e) => e.ComplianceResourceId === 'legacy-etl')?.Annotation).toContain(
      'sets only the deprecated --disable-proxy',
    );
    expect(calls.map((c) => [c.command, c.input.HidePassword])).toEqual([
      ['GetJobsCommand', undefined],
      ['GetConnectionsCommand', true],
    ]);
  });

  it('accepts the deprecated --disable-proxy only when acceptLegacyDisableProxy is true', async () => {
    // Prepare
    await seedJobs(new GlueClient(emulator.clientConfig));
    // Act
    await toHandler(rule, { aws: emulatorAws(emulator), logger })(
      scheduledEvent({
        configRuleName: rule.id,
        resultToken: mintResultToken(rule.id),
        ruleParameters: { acceptLegacyDisableProxy: 'true' },
      }),
    );
    // Assess
    const stored = await readStoredEvaluations(emulator.endpoint, rule.id);
    expect(stored.map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual([
      ['isolated-etl', 'COMPLIANT'],
      ['kafka-etl', 'NOT_APPLICABLE'],
      ['legacy-etl', 'COMPLIANT'],
      ['pinned-etl', 'NON_COMPLIANT'],
      ['plain-etl', 'NOT_APPLICABLE'],
      ['proxied-etl', 'NON_COMPLIANT'],
    ]);
  });
});
