import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatExecution, type RemediationRun, remediate, run } from '../../cli/commands/remediate';
import { main } from '../../cli/main';
import {
  cleanReason,
  failureReason,
  formatPlan,
  planExecution,
  terminalConfirm,
  withoutPublishing,
} from '../../cli/remediate-local';
import { getRule } from '../../functions/rules/index';
import { createAwsContext } from '../../functions/runtime/aws';
import { loadDocument } from '../../remediation/catalog/documents';
import type { AutomationExecution } from '../../remediation/runner/types';
import { useEmulator } from '../emulator/context';
import { getJob, seedJob } from '../remediation/runner/support';
import { captureConsole } from '../support/console';

const emulator = useEmulator();
const io = captureConsole({ testCredentials: true });

const aws = () =>
  createAwsContext({
    region: emulator.region,
    endpoint: emulator.endpoint,
    credentials: emulator.clientConfig.credentials,
  });
const cli = () => ['--endpoint', emulator.endpoint, '--region', emulator.region];

/** A stream that says it is a terminal and answers `answer` to the first question. */
function fakeTerminal(answer: string): {
  input: PassThrough & { isTTY: boolean };
  output: PassThrough;
  asked: () => string;
} {
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const output = new PassThrough();
  let asked = '';
  output.on('data', (chunk: Buffer) => {
    asked += chunk.toString();
    if (asked.includes('[y/N]')) input.write(`${answer}\n`);
  });
  return { input, output, asked: () => asked };
}

describe('remediate: confirmation', () => {
  it('asks on a terminal before running on several resources; "n" changes nothing, exit 1', async () => {
    // Prepare
    await seedJob(emulator, 'etl-a');
    await seedJob(emulator, 'etl-b');
    const terminal = fakeTerminal('n');
    // Act
    const code = await run(['--rule', 'glue-job-logging-enabled', ...cli()], terminal);
    // Assess
    expect(code).toBe(1);
    expect(terminal.asked()).toBe('Run EnableGlueJobContinuousLogging on 2 resources (etl-a, etl-b)? [y/N] ');
    expect(io.stderr).toContain('Nothing was changed: not confirmed.');
    expect(io.stdout).toEqual([]);
    expect(
      (await getJob(emulator, 'etl-a')).DefaultArguments?.['--enable-continuous-cloudwatch-log'],
    ).toBeUndefined();
  });

  it('"y" runs them', async () => {
    // Prepare
    await seedJob(emulator, 'etl-a');
    await seedJob(emulator, 'etl-b');
    const terminal = fakeTerminal('y');
    // Act
    const code = await run(['--rule', 'glue-job-logging-enabled', ...cli()], terminal);
    // Assess
    expect(code).toBe(0);
    expect(terminal.asked()).toContain('[y/N]');
    expect((await getJob(emulator, 'etl-b')).DefaultArguments?.['--enable-continuous-cloudwatch-log']).toBe(
      'true',
    );
  });

  it('--yes, a single resource, a dry run and a non-terminal are not asked', async () => {
    // Prepare
    await seedJob(emulator, 'etl-a');
    await seedJob(emulator, 'etl-b');
    const cases: Array<[string[], boolean]> = [
      [['--yes'], true],
      [['--resource', 'etl-a'], true],
      [['--dry-run'], true],
      [[], false],
    ];
    for (const [extra, tty] of cases) {
      const terminal = fakeTerminal('n');
      terminal.input.isTTY = tty;
      // Act
      const code = await run(
        ['--rule', 'glue-job-logging-enabled', '--format', 'json', ...extra, ...cli()],
        terminal,
      );
      // Assess
      expect(terminal.asked(), extra.join(' ')).toBe('');
      expect(code, extra.join(' ')).toBe(0);
    }
  });

  it('terminalConfirm: no prompt off a terminal; yes and y accepted, anything else refused', async () => {
    expect(terminalConfirm(new PassThrough(), new PassThrough())).toBeUndefined();
    for (const [answer, expected] of [
      ['y', true],
      ['YES', true],
      ['', false],
      ['no', false],
      ['yess', false],
    ] as const) {
      const t = fakeTerminal(answer);
      const confirm = terminalConfirm(t.input, t.output);
      expect(await confirm?.('Go?'), answer).toBe(expected);
    }
  });
});

describe('remediate: without NotificationTopicArn', () => {
  it('runs, prints the result, publishes nothing and says so in one line', async () => {
    // Prepare
    await seedJob(emulator, 'etl-a');
    // Act
    const code = await main([
      'remediate',
      '--rule',
      'glue-job-logging-enabled',
      '--resource',
      'etl-a',
      ...cli(),
    ]);
    // Assess
    expect(code).toBe(0);
    expect(io.stderr.filter((l) => l.includes('NotificationTopicArn'))).toEqual([
      'No NotificationTopicArn given: each result is printed here and nothing is published to SNS.',
    ]);
    const out = io.stdout.join('\n');
    expect(out).toMatch(
      /^EnableGlueJobContinuousLogging \S+: Success {2}\(JobName=etl-a RuleName=glue-job-logging-enabled\)/,
    );
    expect(out).toMatch(/3\. PublishResult +not published \(no topic\) +Success/);
    expect(out).toContain('Remediate.Outcome = REMEDIATED');
    expect(out).toContain('"field": "DefaultArguments.--enable-continuous-cloudwatch-log"');
    expect((await getJob(emulator, 'etl-a')).DefaultArguments?.['--enable-continuous-cloudwatch-log']).toBe(
      'true',
    );
  });

  it('the local document keeps the flow: publish steps wait, publish-then-fail only fails', () => {
    // Prepare
    const doc = loadDocument('EnforceGlueConnectionSsl');
    // Act
    const local = withoutPublishing(doc, 'EnforceGlueConnectionSsl');
    // Assess
    expect(local.parameters).not.toHaveProperty('NotificationTopicArn');
    expect(doc.parameters).toHaveProperty('NotificationTopicArn');
    const byName = Object.fromEntries(local.mainSteps.map((s) => [s.name, s]));
    expect(byName.PublishResult).toMatchObject({
      action: 'aws:sleep',
      inputs: { Duration: 'PT0S' },
      isEnd: true,
    });
    expect(byName.PublishResult).not.toHaveProperty('outputs');
    expect(byName.PublishFailure?.action).toBe('aws:sleep');
    expect(byName.PublishPartial?.action).toBe('aws:executeScript');
    expect(byName.PublishPartial?.inputs.InputPayload).not.toHaveProperty('TopicArn');
    expect(String(byName.PublishPartial?.inputs.Script)).not.toContain('publish');
    expect(local.mainSteps.map((s) => s.name)).toEqual(doc.mainSteps.map((s) => s.name));
    expect(JSON.stringify(local)).not.toContain('NotificationTopicArn }}');
  });

  it('refuses a document that would still need the topic', () => {
    const doc = {
      schemaVersion: '0.3',
      parameters: { NotificationTopicArn: { type: 'String' as const } },
      mainSteps: [
        {
          name: 'Tell',
          action: 'aws:executeAwsApi',
          inputs: { Service: 'sns', Api: 'CreateTopic', Name: '{{ NotificationTopicArn }}' },
        },
      ],
    };
    expect(() => withoutPublishing(doc, 'X')).toThrow(
      "Document 'X' needs NotificationTopicArn in step(s) Tell: pass --param NotificationTopicArn=ARN",
    );
  });
});

describe('remediate: failures and parameters', () => {
  it('a failed run prints one clear reason, without the SSM placeholder or the Python exception', async () => {
    // Prepare
    await seedJob(emulator, 'etl-a');
    // Act
    const code = await main([
      'remediate',
      '--rule',
      'glue-job-security-configuration-encrypted',
      '--resource',
      'etl-a',
      '--param',
      'SecurityConfigurationName=absent',
      ...cli(),
    ]);
    // Assess
    expect(code).toBe(1);
    const out = io.stdout.join('\n');
    expect(out.match(/FAILED/g)).toHaveLength(1);
    expect(out).toContain(
      '  FAILED: Remediate: Security configuration absent does not exist in this account and region: create it first',
    );
    expect(out).not.toMatch(/No output available|Traceback|raised|ValueError|script line/);
  });

  it('failureReason and cleanReason strip the runner and Python wrapping', () => {
    const execution = {
      AutomationExecutionStatus: 'Failed',
      FailureMessage: "Step 'Remediate' failed: handler raised KeyError: 'x' (script line 3)",
      StepExecutions: [
        { StepName: 'Read', StepStatus: 'Success' },
        {
          StepName: 'Remediate',
          StepStatus: 'Failed',
          FailureMessage: "handler raised KeyError: 'x' (script line 3)",
        },
      ],
    } as unknown as AutomationExecution;
    expect(failureReason(execution)).toBe("Remediate: 'x'");
    expect(failureReason({ ...execution, StepExecutions: [] })).toBe("'x'");
    expect(failureReason({ ...execution, StepExecutions: [], FailureMessage: undefined } as never)).toBe(
      'Failed',
    );
    expect(cleanReason('RuntimeError: boom\nTraceback (most recent call last):\n  File "x"')).toBe('boom');
    expect(cleanReason('sns:Publish failed: NotFound: Topic does not exist')).toBe(
      'sns:Publish failed: NotFound: Topic does not exist',
    );
  });

  it('a required document parameter nobody gave is named before any AWS call', async () => {
    // Prepare: an endpoint that records every request
    const seen: string[] = [];
    const server: Server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // Act
      const missing = await main([
        'remediate',
        '--rule',
        'glue-catalog-metadata-encrypted',
        '--endpoint',
        endpoint,
        '--region',
        'us-east-1',
      ]);
      const invalid = await main([
        'remediate',
        '--rule',
        'glue-job-security-configuration-encrypted',
        '--rule-param',
        'allowSseS3=maybe',
        '--param',
        'SecurityConfigurationName=x',
        '--endpoint',
        endpoint,
        '--region',
        'us-east-1',
      ]);
      // Assess
      expect([missing, invalid]).toEqual([2, 2]);
      expect(io.stderr.join('\n')).toContain(
        'EnableGlueCatalogEncryption needs KmsKeyId, which only you can choose: pass --param KmsKeyId=...',
      );
      expect(io.stderr.join('\n')).toContain(
        "--param glue-job-security-configuration-encrypted: Invalid rule parameter 'allowSseS3'",
      );
      expect(seen).toEqual([]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('remediate: dry-run plan', () => {
  beforeEach(() => vi.restoreAllMocks());
  afterEach(() => vi.restoreAllMocks());

  it('the plan is the script’s own reading: nothing to change on a compliant job', async () => {
    // Prepare
    await seedJob(emulator, 'etl-a');
    await remediate(aws(), {
      rule: getRule('glue-job-logging-enabled'),
      resourceIds: ['etl-a'],
      accountId: emulator.accountId,
    });
    // Act
    const [dry] = await remediate(aws(), {
      rule: getRule('glue-job-logging-enabled'),
      resourceIds: ['etl-a'],
      accountId: emulator.accountId,
      dryRun: true,
    });
    // Assess
    expect(dry?.Plan).toEqual({ changes: [], withheld: [], outcome: 'NO_CHANGE' });
    expect(formatExecution(dry as RemediationRun)).toContain('  Would change:\n    nothing would change');
  });

  it('says why there is no plan when the document has no script step or needs an earlier step', async () => {
    const target = { region: emulator.region, endpoint: emulator.endpoint };
    const base = { DryRunCalls: [] } as unknown as AutomationExecution;
    expect(await planExecution({ schemaVersion: '0.3', mainSteps: [] }, base, target)).toEqual({
      changes: [],
      withheld: [],
      problem: 'the document has no script step to plan from',
    });
    const later = {
      DryRunCalls: [
        {
          step: 'S',
          service: 'aws:executeScript',
          api: 'handler',
          parameters: { InputPayload: { A: '{{ R.Out }}' } },
        },
      ],
    } as unknown as AutomationExecution;
    const doc = {
      schemaVersion: '0.3',
      mainSteps: [{ name: 'S', action: 'aws:executeScript', inputs: { Script: 'x' } }],
    };
    expect((await planExecution(doc, later, target)).problem).toBe(
      'step S needs the output of an earlier step',
    );
    expect(formatPlan({ changes: [], withheld: [], problem: 'why' })).toEqual([
      '  cannot tell what would change: why',
    ]);
  });
});
