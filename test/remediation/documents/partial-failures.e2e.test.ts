import { CreateCrawlerCommand, GetCrawlerCommand, StartCrawlerCommand } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import type { AutomationDocument, AutomationStep } from '../../../remediation/catalog/types';
import { type AutomationExecution, loadDocument, runAutomation } from '../../../remediation/index';
import { useEmulator } from '../../emulator/context';
import { ROLE_ARN, resultInbox, runDocument } from './support/e2e';
import type { RemediationResult } from './support/handler';
import {
  createConnection,
  createJob,
  createKey,
  createSecurityConfiguration,
  glue,
  jdbcInput,
  readConnection,
  SECRET_PASSWORD,
  sparkJob,
} from './support/seed';

const emulator = useEmulator();

const steps = (run: AutomationExecution): string[][] =>
  run.StepExecutions.map((s) => [s.StepName, s.StepStatus]);

/** A connection whose stored password is only an ENCRYPTED_PASSWORD that KMS cannot decrypt. */
async function createUndecryptableConnection(name: string): Promise<string> {
  const { PASSWORD: _plain, ...properties } = jdbcInput(name).ConnectionProperties!;
  const encrypted = Buffer.from(`not a kms blob ${SECRET_PASSWORD}`).toString('base64');
  await createConnection(emulator, {
    ...jdbcInput(name),
    ConnectionProperties: { ...properties, ENCRYPTED_PASSWORD: encrypted },
  });
  return encrypted;
}

async function createCrawler(name: string): Promise<void> {
  await glue(emulator).send(
    new CreateCrawlerCommand({
      Name: name,
      Role: 'arn:aws:iam::123456789012:role/GlueCrawlerRole',
      DatabaseName: 'raw',
      Targets: { S3Targets: [{ Path: `s3://landing/${name}/` }] },
    }),
  );
}

/**
 * The document with one extra step run between the Remediate step and the verification: a concurrent
 * change (another team deleting the resource) that makes the verification fail after the write.
 */
function withConcurrentChange(name: string, change: AutomationStep): AutomationDocument {
  const doc = loadDocument(name);
  const remediate = doc.mainSteps.find((s) => s.name === 'Remediate')!;
  const inserted = { ...change, nextStep: remediate.nextStep };
  const index = doc.mainSteps.indexOf(remediate);
  return {
    ...doc,
    mainSteps: [
      ...doc.mainSteps.slice(0, index),
      { ...remediate, nextStep: change.name },
      inserted,
      ...doc.mainSteps.slice(index + 1),
    ],
  };
}

describe('Documents: partial and late failures', () => {
  it('publishes PARTIAL with the changed connection and the failure, and ends Failed, when one connection cannot be updated', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    await createConnection(emulator, jdbcInput('ledger', { JDBC_ENFORCE_SSL: 'false' }));
    const encrypted = await createUndecryptableConnection('orders');
    const ordersBefore = await readConnection(emulator, 'orders');

    // Act
    const run = await runDocument(emulator, 'EnforceGlueConnectionSsl', inbox, {
      CatalogId: emulator.accountId,
    });
    const [notification, ...others] = await inbox.drain();

    // Assess
    expect(run.AutomationExecutionStatus).toBe('Failed');
    expect(steps(run)).toEqual([
      ['Remediate', 'Success'],
      ['VerifySslEnforced', 'Success'],
      ['CheckOutcome', 'Success'],
      ['PublishPartial', 'Failed'],
    ]);
    expect(run.FailureMessage).toContain('Remediation ended PARTIAL');
    expect(others).toEqual([]);
    expect(notification?.attributes).toEqual({
      rule: 'glue-connection-ssl-enforced',
      resourceType: 'AWS::::Account',
      outcome: 'PARTIAL',
    });
    const body = JSON.parse(notification?.message ?? '{}') as RemediationResult;
    expect(body).toMatchObject({ document: 'EnforceGlueConnectionSsl', outcome: 'PARTIAL' });
    expect(body.changes).toEqual([
      { field: 'connection/ledger.ConnectionProperties.JDBC_ENFORCE_SSL', before: 'false', after: 'true' },
    ]);
    expect(body.failures).toEqual([
      { resource: 'orders', error: expect.stringMatching(/^Updating connection orders failed with \w+/) },
    ]);
    const ledger = await readConnection(emulator, 'ledger');
    expect(ledger.ConnectionProperties).toMatchObject({
      JDBC_ENFORCE_SSL: 'true',
      PASSWORD: SECRET_PASSWORD,
    });
    expect(await readConnection(emulator, 'orders')).toEqual(ordersBefore);
    for (const text of [JSON.stringify(run), JSON.stringify(notification)]) {
      expect(text).not.toContain(SECRET_PASSWORD);
      expect(text).not.toContain(encrypted);
    }
  });

  it('publishes PARTIAL with the other crawlers changed, and ends Failed, when one crawler is running', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    const key = await createKey(emulator);
    await createSecurityConfiguration(emulator, 'encrypted', key);
    for (const name of ['alpha', 'busy', 'gamma']) await createCrawler(name);
    await glue(emulator).send(new StartCrawlerCommand({ Name: 'busy' }));

    // Act
    const run = await runDocument(emulator, 'AttachGlueCrawlerSecurityConfiguration', inbox, {
      AccountId: emulator.accountId,
      SecurityConfigurationName: 'encrypted',
    });
    const [notification, ...others] = await inbox.drain();
    const crawlers = await Promise.all(
      ['alpha', 'busy', 'gamma'].map(
        async (name) => (await glue(emulator).send(new GetCrawlerCommand({ Name: name }))).Crawler,
      ),
    );

    // Assess
    expect(run.AutomationExecutionStatus).toBe('Failed');
    expect(steps(run).at(-1)).toEqual(['PublishPartial', 'Failed']);
    expect(others).toEqual([]);
    expect(notification?.attributes.outcome).toBe('PARTIAL');
    const body = JSON.parse(notification?.message ?? '{}') as RemediationResult;
    expect(body.changes.map((c) => [c.field, c.after])).toEqual([
      ['crawler/alpha.CrawlerSecurityConfiguration', 'encrypted'],
      ['crawler/gamma.CrawlerSecurityConfiguration', 'encrypted'],
    ]);
    expect(body.failures).toEqual([
      { resource: 'busy', error: 'Updating crawler busy failed with CrawlerRunningException' },
    ]);
    expect(crawlers.map((c) => c?.CrawlerSecurityConfiguration)).toEqual([
      'encrypted',
      undefined,
      'encrypted',
    ]);
  });

  it.each([
    {
      document: 'EnforceGlueConnectionSsl',
      seed: async (): Promise<void> => createConnection(emulator, jdbcInput('ledger')),
      parameters: (): Record<string, string | string[]> => ({
        CatalogId: emulator.accountId,
        ConnectionNames: ['ledger'],
      }),
      change: { Service: 'glue', Api: 'DeleteConnection', ConnectionName: 'ledger' },
      field: 'connection/ledger.ConnectionProperties.JDBC_ENFORCE_SSL',
    },
    {
      document: 'SetGlueJobDisableProxy',
      seed: async (): Promise<void> => {
        await createConnection(emulator, jdbcInput('warehouse', { JDBC_ENFORCE_SSL: 'true' }));
        await createJob(emulator, sparkJob('load'));
      },
      parameters: (): Record<string, string | string[]> => ({ JobName: 'load' }),
      change: { Service: 'glue', Api: 'DeleteJob', JobName: 'load' },
      field: 'DefaultArguments.--disable-proxy-v2',
    },
  ])(
    '$document: a verification failing after the write publishes FAILED with the changes made',
    async (c) => {
      // Prepare
      const inbox = await resultInbox(emulator);
      await c.seed();
      const doc = withConcurrentChange(c.document, {
        name: 'ConcurrentDelete',
        action: 'aws:executeAwsApi',
        inputs: c.change,
      });
      const { region, endpoint, credentials } = emulator.clientConfig;

      // Act
      const run = await runAutomation(doc, {
        documentName: c.document,
        parameters: {
          AutomationAssumeRole: ROLE_ARN,
          NotificationTopicArn: inbox.topicArn,
          ...c.parameters(),
        },
        aws: { region, endpoint, credentials },
        accountId: emulator.accountId,
      });
      const [notification, ...others] = await inbox.drain();

      // Assess
      expect(run.AutomationExecutionStatus).toBe('Failed');
      expect(steps(run).slice(-2)).toEqual([
        [doc.mainSteps[2]!.name, 'Failed'],
        ['PublishVerifyFailure', 'Success'],
      ]);
      expect(others).toEqual([]);
      expect(notification?.attributes.outcome).toBe('FAILED');
      const body = JSON.parse(notification?.message ?? '{}') as RemediationResult;
      expect(body).toMatchObject({
        document: c.document,
        executionId: run.AutomationExecutionId,
        outcome: 'FAILED',
      });
      expect(body.changes.map((change) => [change.field, change.after])).toEqual([[c.field, 'true']]);
      expect(JSON.stringify([run, notification])).not.toContain(SECRET_PASSWORD);
    },
  );
});
