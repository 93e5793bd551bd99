import { Logger } from '@aws-lambda-powertools/logger';
import { CreateJobCommand, GlueClient } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { render, SCAN_FORMATS } from '../../../cli/output/options';
import { toScanReport } from '../../../cli/output/report';
import { scanAccount } from '../../../cli/scan-account';
import { mintResultToken, readStoredEvaluations } from '../../../emulator/config-service';
import { rule } from '../../../functions/rules/glue-job-no-plaintext-secrets';
import { toHandler } from '../../../functions/runtime/handler';
import type { ConfigurationItem } from '../../../functions/runtime/types';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { changeEvent, fixture, scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
// The password in test/events/glue-job-pythonshell-secret-configuration-item.json.
const FIXTURE_PASSWORD = 'Tr3asury-Rates-Pa55';
// Test-only credential shapes (none is real).
const ACCESS_KEY = 'AKIAZ7QEXAMPLE4LEDGR';
const DSN = 'postgresql://etl_user:Ch4ngeMe-Now@ledger.internal:5432/ledger';

/** A logger whose every line (at DEBUG) is kept for inspection. */
function capturingLogger(lines: string[]): Logger {
  const logger = new Logger({ serviceName: rule.id, logLevel: 'DEBUG' });
  Object.assign(logger, {
    printLog: (_level: unknown, log: { getAttributes(): unknown }) =>
      lines.push(JSON.stringify(log.getAttributes())),
  });
  return logger;
}

describe('Rule: glue-job-no-plaintext-secrets on the emulator', () => {
  it('names the argument key of a changed job, never its value, in evaluations and logs', async () => {
    // Prepare
    const item = fixture<ConfigurationItem>('glue-job-pythonshell-secret-configuration-item.json');
    const lines: string[] = [];
    // Act
    const result = await toHandler(rule, { aws: emulatorAws(emulator), logger: capturingLogger(lines) })(
      changeEvent(item, { configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    const stored = await readStoredEvaluations(emulator.endpoint, rule.id);
    expect(stored).toMatchObject([
      {
        ComplianceResourceId: 'fx-rates-loader',
        ComplianceType: 'NON_COMPLIANT',
        Annotation:
          'Argument is named like a credential and holds a literal value: DefaultArguments --db_password',
      },
    ]);
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify({ stored, lines, verdicts: result.run.verdicts })).not.toContain(FIXTURE_PASSWORD);
  });

  it('sweeps every job; neither the stored evaluations nor the CLI scan output show a value', async () => {
    // Prepare
    const glue = new GlueClient(emulator.clientConfig);
    const jobs: Array<[string, Record<string, string>]> = [
      ['clean-etl', { '--secret_id': 'ledger/etl/db', '--enable-metrics': 'true' }],
      ['keyed-etl', { '--source_account': ACCESS_KEY }],
      ['dsn-etl', { '--source_dsn': DSN }],
    ];
    for (const [name, args] of jobs) {
      await glue.send(
        new CreateJobCommand({
          Name: name,
          Role: 'arn:aws:iam::123456789012:role/GlueEtl',
          Command: { Name: 'glueetl', ScriptLocation: `s3://assets/${name}.py` },
          DefaultArguments: args,
        }),
      );
    }
    const aws = emulatorAws(emulator);
    const lines: string[] = [];
    // Act
    await toHandler(rule, { aws, logger: capturingLogger(lines) })(
      scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    const scan = await scanAccount(aws, { rules: [rule], accountId: emulator.accountId });
    const at = new Date().toISOString();
    const report = toScanReport(scan, {
      tool: { name: 'glue-guardrails', version: 'test' },
      startedAt: at,
      finishedAt: at,
      caller: { account: emulator.accountId, arn: '' },
      source: 'scan',
      rules: [rule.id],
      parameters: {},
    });
    // Every output format the scan command can print.
    const cliOutput = SCAN_FORMATS.map((f) => render(f, report)).join('\n');
    // Assess
    const stored = await readStoredEvaluations(emulator.endpoint, rule.id);
    expect(stored.map((e) => [e.ComplianceResourceId, e.ComplianceType, e.Annotation])).toEqual([
      ['clean-etl', 'COMPLIANT', 'No job argument looks like a plaintext secret'],
      [
        'dsn-etl',
        'NON_COMPLIANT',
        'Argument holds a connection string with credentials: DefaultArguments --source_dsn',
      ],
      [
        'keyed-etl',
        'NON_COMPLIANT',
        'Argument holds an AWS access key id: DefaultArguments --source_account',
      ],
    ]);
    expect(cliOutput).toContain('DefaultArguments --source_account');
    for (const secret of [ACCESS_KEY, DSN, 'Ch4ngeMe-Now']) {
      expect(JSON.stringify({ stored, lines })).not.toContain(secret);
      expect(cliOutput).not.toContain(secret);
    }
  });
});
