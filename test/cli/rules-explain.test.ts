import { describe, expect, it } from 'vitest';
import { findRule, renderExplanation } from '../../cli/commands/explain';
import { renderRules, ruleBlock } from '../../cli/commands/rules';
import { main } from '../../cli/main';
import { closestIds, describeRule, documentPurpose, editDistance, ruleScenarios } from '../../cli/rule-docs';
import { ruleCatalog } from '../../functions/rules/catalog';
import type { AnyRuleMeta } from '../../functions/runtime/meta';
import { captureConsole } from '../support/console';

const io = captureConsole();

const JOB_ENCRYPTED = 'glue-job-security-configuration-encrypted';

describe('CLI: rules', () => {
  it('lists every rule with severity, type, trigger, parameters, remediation and frameworks', async () => {
    // Act
    const code = await main(['rules']);
    // Assess
    expect(code).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toContain(
      [
        'glue-job-security-configuration-encrypted  HIGH  AWS::Glue::Job',
        '  trigger      on change of AWS::Glue::Job; periodic TwentyFour_Hours',
        '  parameters   allowSseS3 (bool, default false)',
        '  remediation  AttachGlueJobSecurityConfiguration (manual)',
      ].join('\n'),
    );
    expect(out).toContain(
      [
        'glue-catalog-metadata-encrypted  HIGH  AWS::::Account',
        '  trigger      periodic TwentyFour_Hours',
        '  parameters   kmsKeyArns (list, default none)',
      ].join('\n'),
    );
    expect(out).toMatch(/\n25 rules\. Details: glue-guardrails explain <rule-id>$/);
    expect(out.match(/^ {2}frameworks {3}/gm)).toHaveLength(25);
  });

  it('--format json gives one object per rule, in catalog order', async () => {
    // Act
    const code = await main(['rules', '--format', 'json']);
    // Assess
    expect(code).toBe(0);
    const rules = JSON.parse(io.stdout.join('\n')) as Array<{
      id: string;
      severity: string;
      trigger: string;
      remediation?: { document: string; automatic: boolean };
    }>;
    expect(rules).toHaveLength(25);
    expect(rules[0]?.id).toBe('glue-catalog-metadata-encrypted');
    const job = rules.find((r) => r.id === JOB_ENCRYPTED);
    expect(job).toMatchObject({
      severity: 'HIGH',
      trigger: 'on change of AWS::Glue::Job; periodic TwentyFour_Hours',
      remediation: { document: 'AttachGlueJobSecurityConfiguration', automatic: false },
    });
    // The listing reads no document: no empty stand-ins for what it did not read.
    expect(Object.keys(job?.remediation ?? {}).sort()).toEqual([
      'automatic',
      'document',
      'fromRuleParameters',
      'resourceIdParameter',
      'staticParameters',
    ]);
  });

  it('shows framework mappings when the metadata has them, and a rule without remediation', () => {
    // Prepare
    const base = ruleCatalog.find((r) => r.id === JOB_ENCRYPTED) as AnyRuleMeta;
    const mapped: AnyRuleMeta = {
      ...base,
      remediation: undefined,
      parameters: {},
      frameworks: [
        {
          framework: 'nist-800-53-r5',
          control: 'SC-28',
          title: 'Protection of information at rest',
          source: 'https://example.org/nist',
        },
        {
          framework: 'pci-dss-4.0',
          control: '3.5.1',
          title: 'PAN unreadable',
          source: 'https://example.org/pci',
        },
      ],
    };
    // Act
    const block = ruleBlock(mapped);
    const text = renderExplanation({ ...describeRule(mapped), scenarios: [] });
    const json = JSON.parse(renderRules([mapped], 'json')) as Array<{ frameworks: unknown[] }>;
    // Assess
    expect(block).toContain('  frameworks   nist-800-53-r5 SC-28, pci-dss-4.0 3.5.1');
    expect(block).toContain('  parameters   none');
    expect(block).toContain('  remediation  none');
    expect(text).toContain(
      '  NIST SP 800-53 Rev. 5 SC-28 Protection of information at rest (source: https://example.org/nist)',
    );
    expect(text).toContain('  (not documented)');
    expect(text).toContain('Parameters:\n  none');
    expect(text).toMatch(/Remediation:\n {2}none: fix by hand/);
    expect(json[0]?.frameworks).toEqual([
      {
        framework: 'nist-800-53-r5',
        name: 'NIST SP 800-53 Rev. 5',
        control: 'SC-28',
        title: 'Protection of information at rest',
        source: 'https://example.org/nist',
      },
      {
        framework: 'pci-dss-4.0',
        name: 'PCI DSS v4.0',
        control: '3.5.1',
        title: 'PAN unreadable',
        source: 'https://example.org/pci',
      },
    ]);
  });
});

describe('CLI: explain', () => {
  it('prints statement, scenarios, parameters with defaults, IAM, and the document and what it changes', async () => {
    // Act
    const code = await main(['explain', JOB_ENCRYPTED]);
    // Assess
    expect(code).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toContain(
      'Glue jobs use a security configuration encrypting S3 data (SSE-KMS), CloudWatch logs and job bookmarks.',
    );
    expect(out).toContain('Control:        Data protection: ETL encryption at rest (security configuration)');
    expect(out).toContain('  1. Job has no security configuration -> NON_COMPLIANT');
    expect(out).toContain('  6. S3 SSE-KMS, CloudWatch SSE-KMS, bookmarks CSE-KMS -> COMPLIANT');
    expect(out).toContain(
      '  allowSseS3 (bool, default false): Accept SSE-S3 (instead of SSE-KMS) for S3 data',
    );
    expect(out).toContain(
      'IAM permissions of the evaluation:\n  glue:GetJobs, glue:GetSecurityConfigurations',
    );
    expect(out).toContain(
      '  Document:     AttachGlueJobSecurityConfiguration (manual: run it with glue-guardrails remediate)',
    );
    expect(out).toContain('  From rule parameters: AllowSseS3 <- allowSseS3');
    expect(out).toContain('    AllowSseS3 (Boolean) [default false]:');
    expect(out).toContain(
      '    Attaches the existing security configuration `SecurityConfigurationName` to the Glue job `JobName`.',
    );
    expect(out).toContain(
      '  IAM permissions: glue:GetJob, glue:GetSecurityConfiguration, glue:UpdateJob, iam:PassRole, sns:Publish',
    );
  });

  it('shows the document parameters the rule fixes', async () => {
    // Act
    const code = await main(['explain', 'glue-catalog-connection-passwords-encrypted']);
    // Assess
    expect(code).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/ {2}Set by the rule: \S+=/);
  });

  it('--format json holds the scenarios and the document', async () => {
    // Act
    const code = await main(['explain', JOB_ENCRYPTED, '--format', 'json']);
    // Assess
    expect(code).toBe(0);
    const d = JSON.parse(io.stdout.join('\n')) as {
      scenarios: string[];
      remediation: { document: string; iam: string[]; parameters: Array<{ name: string }> };
    };
    expect(d.scenarios).toHaveLength(6);
    expect(d.remediation.document).toBe('AttachGlueJobSecurityConfiguration');
    expect(d.remediation.iam).toContain('glue:UpdateJob');
    expect(d.remediation.parameters.map((p) => p.name)).toEqual([
      'JobName',
      'SecurityConfigurationName',
      'AllowSseS3',
      'NotificationTopicArn',
      'RuleName',
      'AutomationAssumeRole',
    ]);
  });

  it('an unknown id is a one-line error naming the closest ids, exit 2', async () => {
    // Act
    const code = await main(['explain', 'glue-job-encrypted']);
    // Assess
    expect(code).toBe(2);
    expect(io.stderr).toEqual([
      "Unknown rule 'glue-job-encrypted'. Closest: glue-job-security-configuration-encrypted, glue-job-tagged, glue-job-network-isolated. Run 'glue-guardrails explain --help' for the options.",
    ]);
    expect(io.stdout).toEqual([]);
  });

  it.each([[[]], [['a', 'b']]])('explain with %j rule ids is a usage error', async (ids) => {
    expect(await main(['explain', ...ids])).toBe(2);
    expect(io.stderr.join('\n')).toContain('explain takes one rule id');
  });

  it('finds a rule by exact id only', () => {
    expect(findRule(JOB_ENCRYPTED).id).toBe(JOB_ENCRYPTED);
    expect(() => findRule('glue-job')).toThrow(
      "Unknown rule 'glue-job'. Closest: glue-job-tagged, glue-job-logging-enabled, glue-job-network-isolated",
    );
  });
});

describe('rule docs helpers', () => {
  it('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('closest ids: containment, then shared words, then edit distance', () => {
    const ids = [
      'glue-job-tagged',
      'glue-connection-tagged',
      'glue-job-logging-enabled',
      'databrew-job-output-encrypted',
    ];
    expect(closestIds('connection', ids, 1)).toEqual(['glue-connection-tagged']);
    expect(closestIds('glue-job-taged', ids, 2)).toEqual(['glue-job-tagged', 'glue-job-logging-enabled']);
    expect(closestIds('xyz', ids)).toHaveLength(3);
  });

  it('scenarios: joins continuation lines, and [] for a rule without source', () => {
    expect(ruleScenarios('no-such-rule')).toEqual([]);
    for (const rule of ruleCatalog) expect(ruleScenarios(rule.id).length, rule.id).toBeGreaterThan(0);
    for (const rule of ruleCatalog)
      for (const s of ruleScenarios(rule.id)) expect(s, rule.id).toMatch(/^\d+[a-z]?\. /);
  });

  it('document purpose: the first section of the description only', () => {
    expect(
      documentPurpose({
        schemaVersion: '0.3',
        mainSteps: [],
        description:
          '### Name\n\n## What does this document do?\nFixes X.\nAnd Y.\n\n## Input parameters\n* A',
      }),
    ).toBe('Fixes X.\nAnd Y.');
    expect(documentPurpose({ schemaVersion: '0.3', mainSteps: [] })).toBe('');
  });
});
