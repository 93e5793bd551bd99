import { Logger } from '@aws-lambda-powertools/logger';
import { CreateJobCommand, GlueClient, type JobCommand } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../../emulator/config-service';
import { rule } from '../../../functions/rules/glue-job-logging-enabled';
import { toHandler } from '../../../functions/runtime/handler';
import type { ConfigurationItem } from '../../../functions/runtime/types';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { changeEvent, fixture, scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });
const ROLE = 'arn:aws:iam::123456789012:role/GlueEtl';

async function createJob(
  glue: GlueClient,
  name: string,
  command: JobCommand,
  glueVersion?: string,
  args: Record<string, string> = {},
): Promise<void> {
  await glue.send(
    new CreateJobCommand({
      Name: name,
      Role: ROLE,
      Command: command,
      DefaultArguments: args,
      ...(glueVersion ? { GlueVersion: glueVersion } : {}),
    }),
  );
}

describe('Rule: glue-job-logging-enabled on the emulator', () => {
  it('evaluates changed jobs from their configuration items', async () => {
    // Prepare
    const handler = toHandler(rule, { aws: emulatorAws(emulator), logger });
    const token = mintResultToken(rule.id);
    // Act
    for (const name of ['glue-job-configuration-item.json', 'glue-job-vpc-configuration-item.json']) {
      await handler(
        changeEvent(fixture<ConfigurationItem>(name), { configRuleName: rule.id, resultToken: token }),
      );
    }
    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      {
        ComplianceResourceType: 'AWS::Glue::Job',
        ComplianceResourceId: 'cards-settlement-etl',
        ComplianceType: 'NON_COMPLIANT',
        Annotation:
          'Continuous CloudWatch logging is off (--enable-continuous-cloudwatch-log not set, Glue 3.0)',
      },
      { ComplianceResourceId: 'nightly-ledger-etl', ComplianceType: 'COMPLIANT' },
    ]);
  });

  it('sweeps every job with one paged GetJobs', async () => {
    // Prepare
    const glue = new GlueClient(emulator.clientConfig);
    const spark = { Name: 'glueetl', ScriptLocation: 's3://assets/etl.py' };
    await createJob(glue, 'legacy-etl', spark, '2.0');
    await createJob(glue, 'logged-etl', spark, '4.0', { '--enable-continuous-cloudwatch-log': 'true' });
    await createJob(glue, 'modern-etl', spark, '5.0');
    await createJob(glue, 'rates-shell', { Name: 'pythonshell', ScriptLocation: 's3://assets/r.py' }, '3.0');
    const aws = emulatorAws(emulator);
    const calls = recordCalls(aws, GlueClient);
    // Act
    await toHandler(rule, { aws, logger })(
      scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    const stored = await readStoredEvaluations(emulator.endpoint, rule.id);
    expect(stored.map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual([
      ['legacy-etl', 'NON_COMPLIANT'],
      ['logged-etl', 'COMPLIANT'],
      ['modern-etl', 'COMPLIANT'],
      ['rates-shell', 'NOT_APPLICABLE'],
    ]);
    expect(calls.map((c) => c.command)).toEqual(['GetJobsCommand']);
  });
});
