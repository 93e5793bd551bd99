import { ConfigServiceClient, PutConfigurationAggregatorCommand } from '@aws-sdk/client-config-service';
import { STSClient } from '@aws-sdk/client-sts';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { scanAggregator, suiteRuleFor } from '../../cli/scan-aggregator';
import { getRuleMeta, ruleCatalog } from '../../functions/rules/catalog';
import { useEmulator } from '../emulator/context';
import {
  configClientFor,
  evaluation,
  putOrganizationAggregator,
  reportEvaluations,
} from '../support/aggregate-estate';
import { emulatorAws } from '../support/aws';
import { type RecordedCall, recordCalls } from '../support/call-recorder';
import { captureConsole } from '../support/console';

const emulator = useEmulator();
const A = '111111111111';
const B = '222222222222';
const TAGGED = 'glue-job-tagged';
const ENCRYPTED = 'glue-job-security-configuration-encrypted';

const io = captureConsole({ testCredentials: true });

beforeEach(async () => {
  // Account A: the rules as the StackSet deploys them, in two regions; 120 results for one rule
  // (two detail pages). Account B: an organization rule's copy and a rule outside the suite.
  const a1 = await configClientFor(emulator.clientConfig, A, 'us-east-1');
  const a2 = await configClientFor(emulator.clientConfig, A, 'eu-west-1');
  const b1 = await configClientFor(emulator.clientConfig, B, 'us-east-1');
  const b2 = await configClientFor(emulator.clientConfig, B, 'eu-west-1');
  await reportEvaluations(
    a1,
    TAGGED,
    Array.from({ length: 120 }, (_, i) =>
      evaluation(
        `job-${String(i).padStart(3, '0')}`,
        i < 3 ? 'NON_COMPLIANT' : 'COMPLIANT',
        i < 3 ? 'no owner tag' : undefined,
      ),
    ),
  );
  await reportEvaluations(a2, ENCRYPTED, [evaluation('eu-etl', 'COMPLIANT')]);
  await reportEvaluations(b1, `OrgConfigRule-${TAGGED}-dbgzf8ba`, [
    evaluation('b-etl', 'NON_COMPLIANT', 'no owner tag'),
  ]);
  await reportEvaluations(b1, 's3-bucket-versioning-enabled', [
    evaluation('bucket', 'NON_COMPLIANT', 'not ours', 'AWS::S3::Bucket'),
  ]);
  await reportEvaluations(b2, `${ENCRYPTED}-conformance-pack-szsm1uv0w`, [
    evaluation('b-eu', 'NON_COMPLIANT', 'no security configuration'),
  ]);
  await putOrganizationAggregator(new ConfigServiceClient(emulator.clientConfig), 'org', 'all');
});

describe('suiteRuleFor', () => {
  it('maps deployed, organization-rule and conformance-pack names back to the rule, and nothing else', () => {
    // Act
    const id = (name: string, prefix = ''): string | undefined => suiteRuleFor(name, ruleCatalog, prefix)?.id;

    // Assess
    expect(id(TAGGED)).toBe(TAGGED);
    expect(id(`acme-${TAGGED}`, 'acme-')).toBe(TAGGED);
    expect(id(`OrgConfigRule-acme-${TAGGED}-dbgzf8ba`, 'acme-')).toBe(TAGGED);
    expect(id(`${TAGGED}-conformance-pack-szsm1uv0w`)).toBe(TAGGED);
    expect(id(`acme-${TAGGED}`)).toBeUndefined();
    expect(id(`OrgConfigRule-${TAGGED}`)).toBeUndefined();
    expect(id(`OrgConfigRule-${TAGGED}-x-y`)).toBeUndefined();
    expect(id(`${TAGGED}-conformance-pack-`)).toBeUndefined();
    expect(id('glue-job')).toBeUndefined();
  });
});

// The first main() call loads the scan command and the SDK through vite: slow on a busy machine.
describe('scan --aggregator', { timeout: 120_000 }, () => {
  it("reads the suite's results across two accounts and two regions, paged, without assuming a role", async () => {
    // Prepare
    const aws = emulatorAws(emulator);
    const calls: RecordedCall[] = recordCalls(aws, ConfigServiceClient);
    recordCalls(aws, STSClient, calls);

    // Act
    const report = await scanAggregator(aws, { aggregator: 'org', summaryPageSize: 1 });

    // Assess
    const failing = report.evaluations.filter((e) => e.compliance === 'NON_COMPLIANT');
    expect(failing.map((e) => [e.account, e.region, e.rule, e.resourceId])).toEqual([
      [A, 'us-east-1', TAGGED, 'job-000'],
      [A, 'us-east-1', TAGGED, 'job-001'],
      [A, 'us-east-1', TAGGED, 'job-002'],
      [B, 'eu-west-1', ENCRYPTED, 'b-eu'],
      [B, 'us-east-1', TAGGED, 'b-etl'],
    ]);
    expect(report.evaluations).toHaveLength(123);
    expect(report.evaluations).toContainEqual({
      account: B,
      region: 'eu-west-1',
      rule: ENCRYPTED,
      severity: getRuleMeta(ENCRYPTED).severity,
      control: getRuleMeta(ENCRYPTED).control,
      resourceType: 'AWS::Glue::Job',
      resourceId: 'b-eu',
      compliance: 'NON_COMPLIANT',
      annotation: 'no security configuration',
      evaluatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      ...(getRuleMeta(ENCRYPTED).remediation
        ? { remediation: getRuleMeta(ENCRYPTED).remediation?.document }
        : {}),
    });
    expect(report.evaluations.some((e) => e.resourceId === 'bucket')).toBe(false);
    expect(report.metadata).toMatchObject({
      source: 'aggregator',
      accounts: [A, B],
      regions: ['eu-west-1', 'us-east-1'],
      caller: { account: '123456789012' },
    });
    const count = (command: string): number => calls.filter((c) => c.command === command).length;
    // Four rule rows plus the one outside the suite, one per summary page; A's 120 results take two
    // detail pages.
    expect(count('DescribeAggregateComplianceByConfigRulesCommand')).toBe(5);
    expect(count('GetAggregateComplianceDetailsByConfigRuleCommand')).toBe(5);
    expect(calls.map((c) => c.command)).not.toContain('AssumeRoleCommand');
  });

  it('reports a failing detail listing as ERROR for that account and region and keeps the others', async () => {
    // Prepare
    const aws = emulatorAws(emulator);
    const client = aws.client(ConfigServiceClient) as unknown as {
      middlewareStack: { add: (m: unknown, o: unknown) => void };
    };
    client.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
        async (args: unknown) => {
          const input = (args as { input: { AccountId?: string } }).input;
          if (
            context.commandName === 'GetAggregateComplianceDetailsByConfigRuleCommand' &&
            input.AccountId === B
          ) {
            throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
          }
          return next(args);
        },
      { step: 'initialize', name: 'failAccountB' },
    );

    // Act
    const report = await scanAggregator(aws, { aggregator: 'org' });

    // Assess
    const errors = report.evaluations.filter((e) => e.compliance === 'ERROR');
    expect(errors.map((e) => [e.account, e.region, e.rule])).toEqual([
      [B, 'eu-west-1', ENCRYPTED],
      [B, 'us-east-1', TAGGED],
    ]);
    expect(errors[0]?.error).toContain('Rate exceeded');
    expect(report.evaluations.filter((e) => e.account === A)).toHaveLength(121);
  });

  it('prints the evaluations as JSON and exits 1 for NON_COMPLIANT; --rules narrows them', async () => {
    // Act
    const code = await main([
      'scan',
      '--endpoint',
      emulator.endpoint,
      '--region',
      'us-east-1',
      '--aggregator',
      'org',
      '--rules',
      ENCRYPTED,
      '--format',
      'json',
    ]);

    // Assess
    expect(code).toBe(1);
    const printed = JSON.parse(io.stdout.join('\n')) as Array<Record<string, unknown>>;
    expect(printed.map((e) => [e.account, e.region, e.resourceId, e.compliance])).toEqual([
      [A, 'eu-west-1', 'eu-etl', 'COMPLIANT'],
      [B, 'eu-west-1', 'b-eu', 'NON_COMPLIANT'],
    ]);
  });

  it('prints one table with account and region columns, and fails (2) for an unknown aggregator', async () => {
    // Act
    const code = await main([
      'scan',
      '--endpoint',
      emulator.endpoint,
      '--region',
      'us-east-1',
      '--aggregator',
      'org',
    ]);
    const text = io.stdout.join('\n');
    io.stdout = [];
    const missing = await main([
      'scan',
      '--endpoint',
      emulator.endpoint,
      '--region',
      'us-east-1',
      '--aggregator',
      'nope',
    ]);

    // Assess
    expect(code).toBe(1);
    // The rows of both accounts and regions share one table (the report spans several).
    expect(text).toMatch(/ACCOUNT\/REGION/);
    for (const cell of [A, B, 'us-east-1', 'eu-west-1', 'b-etl', 'NON_COMPLIANT'])
      expect(text).toContain(cell);
    expect(text).toMatch(/Summary by rule/);
    expect(missing).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/configuration aggregator does not exist/);
  });

  it('exits 2 when the aggregator holds no result of the suite: nothing read is not a clean result', async () => {
    // Prepare
    await new ConfigServiceClient(emulator.clientConfig).send(
      new PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: 'elsewhere',
        AccountAggregationSources: [{ AccountIds: ['999999999999'], AllAwsRegions: true }],
      }),
    );

    // Act
    const code = await main([
      'scan',
      '--endpoint',
      emulator.endpoint,
      '--region',
      'us-east-1',
      '--aggregator',
      'elsewhere',
    ]);

    // Assess
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain('No results of the suite');
  });
});
