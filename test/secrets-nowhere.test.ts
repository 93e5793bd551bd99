import { Logger } from '@aws-lambda-powertools/logger';
import { CreateConnectionCommand, CreateJobCommand, GlueClient } from '@aws-sdk/client-glue';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatExecution, remediate } from '../cli/commands/remediate';
import { createInbox, type Inbox } from '../cli/demo/inbox';
import { main } from '../cli/main';
import { mintResultToken, readStoredEvaluations } from '../emulator/config-service';
import { seedSampleEstate } from '../emulator/sample-estate';
import { createNotifier } from '../functions/notify/handler';
import { getRule, rules } from '../functions/rules/index';
import type { AwsContext } from '../functions/runtime/aws';
import { errorMessage } from '../functions/runtime/errors';
import { toHandler } from '../functions/runtime/handler';
import { useEmulator } from './emulator/context';
import { emulatorAws } from './support/aws';
import { changeEvent, fixture, glueJobItem, scheduledEvent } from './support/config-events';

// Reliability §4 (issue 10): run the suite's flows on the emulator with seeded secrets, collect
// everything they print, log, record and publish, and fail if any seeded secret shows up.

const emulator = useEmulator();

/** The sample estate's connection password and `--db_password` job argument. */
const ESTATE_PASSWORD = 'demo-Placeholder-Secret-42';
const SEEDED = {
  connectionPassword: 'Seeded-Conn-Pa55word!x7',
  accessKeyArgument: 'AKIAQSEEDEDK3YID0001',
  secretArgument: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSEEDEDS3CR',
  estatePassword: ESTATE_PASSWORD,
};
const SECRETS = Object.values(SEEDED);

type Channel = 'stdout' | 'stderr' | 'console' | 'sns' | 'runner' | 'evaluation' | 'error';

/** Everything a flow emits, by channel. */
class Collector {
  readonly items: Array<{ channel: Channel; where: string; text: string }> = [];

  add(channel: Channel, where: string, value: unknown): void {
    this.items.push({ channel, where, text: typeof value === 'string' ? value : JSON.stringify(value) });
  }

  /** Captures process output and console calls until vi.restoreAllMocks(). */
  captureOutput(where: () => string): void {
    for (const [channel, stream] of [
      ['stdout', process.stdout],
      ['stderr', process.stderr],
    ] as const) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
        this.add(channel, where(), String(chunk));
        return true;
      });
    }
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) =>
        this.add(
          'console',
          where(),
          args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '),
        ),
      );
    }
  }

  /** Every place a seeded secret appears (an exact match, or its base64 or URL encoding). */
  leaks(secrets: readonly string[]): string[] {
    const forms = [
      ...new Set(secrets.flatMap((s) => [s, Buffer.from(s).toString('base64'), encodeURIComponent(s)])),
    ];
    return this.items.flatMap((item) =>
      forms.filter((f) => item.text.includes(f)).map((f) => `${item.channel} (${item.where}): ${f}`),
    );
  }

  text(channel: Channel): string {
    return this.items
      .filter((i) => i.channel === channel)
      .map((i) => i.text)
      .join('\n');
  }
}

async function seedSecrets(aws: AwsContext): Promise<void> {
  const glue = new GlueClient(emulator.clientConfig);
  await glue.send(
    new CreateJobCommand({
      Name: 'vendor-feed-import',
      Role: 'arn:aws:iam::123456789012:role/GlueJob',
      Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/vendor.py', PythonVersion: '3' },
      GlueVersion: '4.0',
      DefaultArguments: {
        '--job-language': 'python',
        '--aws_access_key_id': SEEDED.accessKeyArgument,
        '--vendor_api_secret': SEEDED.secretArgument,
      },
    }),
  );
  await glue.send(
    new CreateConnectionCommand({
      ConnectionInput: {
        Name: 'vendor-db',
        ConnectionType: 'JDBC',
        ConnectionProperties: {
          JDBC_CONNECTION_URL: 'jdbc:postgresql://vendor.internal:5432/feed',
          USERNAME: 'feed',
          PASSWORD: SEEDED.connectionPassword,
        },
      },
    }),
  );
  await seedSampleEstate(aws, emulator.accountId);
}

/** Every rule's real handler, as Config would invoke it: a sweep, and a change of the seeded job. */
async function runRuleHandlers(aws: AwsContext, inbox: Inbox, out: Collector, step: (s: string) => void) {
  const logger = new Logger({ serviceName: 'secrets-nowhere', logLevel: 'DEBUG' });
  const secretJob = glueJobItem({
    Name: 'vendor-feed-import',
    Role: 'arn:aws:iam::123456789012:role/GlueJob',
    Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/vendor.py', PythonVersion: '3' },
    GlueVersion: '4.0',
    DefaultArguments: {
      '--aws_access_key_id': SEEDED.accessKeyArgument,
      '--vendor_api_secret': SEEDED.secretArgument,
      '--db_password': ESTATE_PASSWORD,
    },
  });
  for (const rule of rules) {
    const handler = toHandler(rule, { aws, logger, alertTopicArn: inbox.topicArn });
    const events = [];
    if (rule.periodic)
      events.push(scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }));
    if (rule.scope === 'resource' && rule.resourceTypes.includes('AWS::Glue::Job'))
      events.push(changeEvent(secretJob, { configRuleName: rule.id, resultToken: mintResultToken(rule.id) }));
    for (const event of events) {
      step(
        `handler ${rule.id} (${event.resultToken === undefined ? '?' : JSON.parse(event.invokingEvent).messageType})`,
      );
      try {
        out.add('runner', `handler ${rule.id}`, await handler(event));
      } catch (error) {
        out.add('error', `handler ${rule.id}`, errorMessage(error));
      }
    }
    out.add('evaluation', rule.id, await readStoredEvaluations(emulator.endpoint, rule.id));
  }
}

describe('No secret anywhere (issue 10, Reliability §4)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('keeps every seeded password, access key and secret argument out of logs, CLI output, runner records and SNS', async () => {
    // Prepare
    const aws = emulatorAws(emulator);
    await seedSecrets(aws);
    const inbox = await createInbox(aws);
    const out = new Collector();
    let where = 'setup';
    const step = (s: string): void => {
      where = s;
    };
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'testing');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'testing');
    out.captureOutput(() => where);
    const cli = ['--endpoint', emulator.endpoint, '--region', 'us-east-1'];

    // Act
    // 1. A scan of every rule through the CLI, as JSON and as the default table.
    step('cli scan --format json');
    out.add('runner', 'cli scan json exit', await main(['scan', ...cli, '--format', 'json']));
    step('cli scan');
    out.add('runner', 'cli scan exit', await main(['scan', ...cli]));
    // 2. Every rule's handler (Config's sweep and a change of the job holding the secrets).
    await runRuleHandlers(aws, inbox, out, step);
    // 3. The remediation loop: the CLI's dry run, then the runner on the connections (the SSL
    //    document reads and rewrites connections that hold passwords).
    step('cli remediate --dry-run');
    out.add(
      'runner',
      'cli remediate exit',
      await main([
        'remediate',
        ...cli,
        '--rule',
        'glue-connection-ssl-enforced',
        '--param',
        `NotificationTopicArn=${inbox.topicArn}`,
        '--dry-run',
      ]),
    );
    step('runner EnforceGlueConnectionSsl');
    const executions = await remediate(aws, {
      rule: getRule('glue-connection-ssl-enforced'),
      parameters: { NotificationTopicArn: inbox.topicArn },
      accountId: emulator.accountId,
    });
    out.add('runner', 'executions', executions);
    for (const e of executions) out.add('runner', 'formatted execution', formatExecution(e));
    // 4. The notifier on a compliance change of the job and on an automation outcome.
    step('notifier');
    const notify = createNotifier({
      aws,
      topicArn: inbox.topicArn,
      logger: new Logger({ serviceName: 'notify', logLevel: 'DEBUG' }),
    });
    const change = fixture<Record<string, unknown>>('eventbridge-config-compliance-change.json');
    out.add('runner', 'notifier change', await notify(change as never));
    const automation = fixture<Record<string, unknown>>('eventbridge-ssm-automation-execution-status.json');
    out.add('runner', 'notifier automation', await notify(automation as never));
    // 5. Every message the topic delivered.
    step('inbox');
    const messages = await inbox.drain();
    for (const m of messages) out.add('sns', m.subject ?? '(no subject)', m);
    vi.restoreAllMocks();

    // Assess: the flows really ran and produced what is being searched...
    expect(executions.length).toBeGreaterThanOrEqual(1);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    expect(out.text('sns')).toContain('glue-connection-ssl-enforced');
    expect(out.text('console')).toContain('glue-job-no-plaintext-secrets');
    expect(out.text('stdout')).toContain('"level":"');
    expect(out.text('evaluation')).toContain('vendor-feed-import');
    // ...and no seeded secret is in any of it.
    expect(out.leaks(SECRETS)).toEqual([]);
  }, 300_000);

  it('finds a secret leaked through any channel it collects (the check can fail)', async () => {
    // Prepare
    const aws = emulatorAws(emulator);
    const inbox = await createInbox(aws);
    const out = new Collector();
    out.captureOutput(() => 'deliberate leak');

    // Act: leak one seeded secret through each channel the real run collects.
    new Logger({ serviceName: 'leak' }).info('connection', { password: SEEDED.connectionPassword });
    console.log(`--aws_access_key_id ${SEEDED.accessKeyArgument}`);
    await aws
      .client(SNSClient)
      .send(new PublishCommand({ TopicArn: inbox.topicArn, Message: SEEDED.secretArgument }));
    for (const m of await inbox.drain()) out.add('sns', 'inbox', m);
    out.add('runner', 'record', { Parameters: { Token: [Buffer.from(ESTATE_PASSWORD).toString('base64')] } });
    vi.restoreAllMocks();

    // Assess
    expect(out.leaks(SECRETS)).toEqual([
      `stdout (deliberate leak): ${SEEDED.connectionPassword}`,
      `console (deliberate leak): ${SEEDED.accessKeyArgument}`,
      `sns (inbox): ${SEEDED.secretArgument}`,
      `runner (record): ${Buffer.from(ESTATE_PASSWORD).toString('base64')}`,
    ]);
  });
});
