import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { seedSampleEstate } from '../../emulator/sample-estate';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';
import { captureConsole } from '../support/console';

const emulator = useEmulator();
const io = captureConsole({ testCredentials: true });

const target = (): string[] => ['--endpoint', emulator.endpoint, '--region', 'us-east-1'];

describe('CLI: scan', () => {
  it('prints one JSON object per evaluation and exits 1 when something is non-compliant', async () => {
    // Prepare
    await seedSampleEstate(emulatorAws(emulator), emulator.accountId);
    // Act
    const code = await main([
      'scan',
      ...target(),
      '--format',
      'json',
      '--rules',
      'glue-connection-ssl-enforced,glue-job-security-configuration-encrypted',
    ]);
    // Assess
    expect(code).toBe(1);
    const findings = JSON.parse(io.stdout.join('\n')) as Array<Record<string, unknown>>;
    expect(findings).toContainEqual({
      account: '123456789012',
      region: 'us-east-1',
      rule: 'glue-connection-ssl-enforced',
      severity: 'HIGH',
      control: expect.any(String),
      evaluatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      resourceType: 'AWS::::Account',
      resourceId: '123456789012',
      compliance: 'NON_COMPLIANT',
      annotation:
        '1 of 2 database connections do not enforce SSL: cards-warehouse (JDBC_ENFORCE_SSL not true)',
      offenders: ['cards-warehouse (JDBC_ENFORCE_SSL not true)'],
      remediation: 'EnforceGlueConnectionSsl',
    });
    expect(findings.filter((f) => f.rule === 'glue-job-security-configuration-encrypted')).toHaveLength(3);
    expect(io.stdout.join('\n') + io.stderr.join('\n')).not.toContain('demo-Placeholder-Secret-42');
  });

  it('exits 0 when nothing is non-compliant, with a table by default', async () => {
    // Act (an empty account: no JDBC connection to judge)
    const code = await main(['scan', ...target(), '--rules', 'glue-connection-ssl-enforced']);
    // Assess
    expect(code).toBe(0);
    const table = io.stdout.join('\n');
    expect(table).toMatch(/^glue-guardrails \d+\.\d+\.\d+ scan /);
    // Not a terminal: 100 columns; the resource and annotation wrap inside their columns.
    expect(table).toMatch(
      /HIGH\s+NOT_APPLICABLE\s+glue-connection-ssl-\s+AWS::::Account\s+No database connections\n\s+enforced\s+123456789012\s+with an SSL/,
    );
    for (const line of table.split('\n').slice(1)) expect(line.length).toBeLessThanOrEqual(100);
    expect(table).toMatch(/Summary by rule[^\n]*\n\s+glue-connection-ssl-enforced\s+1 not applicable/);
  });

  it('exits 2 and names the parameter when a rule parameter is invalid', async () => {
    // Act
    const code = await main([
      'scan',
      ...target(),
      '--rules',
      'glue-job-security-configuration-encrypted',
      '--param',
      'glue-job-security-configuration-encrypted.allowSseS3=perhaps',
    ]);
    // Assess: a usage error before anything is scanned
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain("Invalid rule parameter 'allowSseS3'");
    expect(io.stdout).toEqual([]);
  });

  it.each([
    [['scan', '--rules', 'no-such-rule'], 'Unknown rule(s): no-such-rule'],
    [['scan', '--format', 'xml'], "--format must be one of table, json, csv, asff, got 'xml'"],
    [['scan', '--status', 'FAILED'], '--status: unknown value(s) FAILED'],
    [['scan', '--severity', 'HIGH,URGENT'], '--severity: unknown value(s) URGENT'],
    [['scan', '--severity', ','], '--severity names no value'],
    [['scan', '--endpoint', 'not a url'], '--endpoint must be an http(s) URL'],
    [['scan', '--bogus'], "Unknown option '--bogus'"],
    [['frobnicate'], "Unknown command 'frobnicate'"],
  ])('exits 2 with a clear message for %j', async (argv, message) => {
    // Act
    const code = await main(argv);
    // Assess
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain(message);
  });

  it('exits 2 when the account cannot be reached, reporting nothing as compliant', async () => {
    // Act
    const code = await main([
      'scan',
      '--endpoint',
      'http://127.0.0.1:9',
      '--region',
      'us-east-1',
      '--format',
      'json',
    ]);
    // Assess
    expect(code).toBe(2);
    expect(io.stdout.join('\n')).not.toContain('COMPLIANT');
  });
});
