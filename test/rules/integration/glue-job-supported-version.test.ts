import { Logger } from '@aws-lambda-powertools/logger';
import { CreateJobCommand, GlueClient } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../../emulator/config-service';
import { rule } from '../../../functions/rules/glue-job-supported-version';
import { toHandler } from '../../../functions/runtime/handler';
import type { ConfigurationItem } from '../../../functions/runtime/types';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { changeEvent, fixture, scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });

describe('Rule: glue-job-supported-version on the emulator', () => {
  it('evaluates changed jobs from their configuration items against minimumGlueVersion', async () => {
    // Prepare
    const handler = toHandler(rule, { aws: emulatorAws(emulator), logger });
    const options = {
      configRuleName: rule.id,
      resultToken: mintResultToken(rule.id),
      ruleParameters: { minimumGlueVersion: '4.0' },
    };
    // Act
    for (const name of ['glue-job-configuration-item.json', 'glue-job-vpc-configuration-item.json']) {
      await handler(changeEvent(fixture<ConfigurationItem>(name), options));
    }
    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      {
        ComplianceResourceId: 'cards-settlement-etl',
        ComplianceType: 'NON_COMPLIANT',
        Annotation: 'Glue 3.0 is below the minimum 4.0',
      },
      { ComplianceResourceId: 'nightly-ledger-etl', ComplianceType: 'COMPLIANT' },
    ]);
  });

  it('sweeps every job with one paged GetJobs, missing versions non-compliant', async () => {
    // Prepare
    const glue = new GlueClient(emulator.clientConfig);
    const jobs: Array<[string, string, string | undefined]> = [
      ['ancient-etl', 'glueetl', '1.0'],
      ['unversioned-stream', 'gluestreaming', undefined],
      ['current-etl', 'glueetl', '4.0'],
      ['rates-shell', 'pythonshell', '1.0'],
    ];
    for (const [name, command, version] of jobs) {
      await glue.send(
        new CreateJobCommand({
          Name: name,
          Role: 'arn:aws:iam::123456789012:role/GlueEtl',
          Command: { Name: command, ScriptLocation: `s3://assets/${name}.py` },
          ...(version ? { GlueVersion: version } : {}),
        }),
      );
    }
    const aws = emulatorAws(emulator);
    const calls = recordCalls(aws, GlueClient);
    // Act
    await toHandler(rule, { aws, logger })(
      scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    const stored = await readStoredEvaluations(emulator.endpoint, rule.id);
    expect(stored.map((e) => [e.ComplianceResourceId, e.ComplianceType, e.Annotation])).toEqual([
      ['ancient-etl', 'NON_COMPLIANT', 'Glue 1.0 is below the minimum 3.0'],
      ['current-etl', 'COMPLIANT', 'Glue 4.0 (minimum 3.0)'],
      ['rates-shell', 'NOT_APPLICABLE', 'Only Spark jobs are judged, not pythonshell'],
      ['unversioned-stream', 'NON_COMPLIANT', 'Spark job has no GlueVersion (minimum 3.0)'],
    ]);
    expect(calls.map((c) => c.command)).toEqual(['GetJobsCommand']);
  });
});
