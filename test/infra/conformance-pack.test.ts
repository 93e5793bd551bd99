import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../cli/main';
import { ruleCatalog } from '../../functions/rules/catalog';
import { rules } from '../../functions/rules/index';
import { parseConfig } from '../../infra/config';
import { ConformancePackError, conformancePackTemplate } from '../../infra/conformance-pack';
import { KMS_KEY, tempOutdir } from './support';

const PREFIX_ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('CLI: conformance-pack', () => {
  it('writes rules only, and says which remediations it left out, without a role and topic', async () => {
    // Prepare
    const out = join(tempOutdir('pack'), 'pack.yaml');
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => {
      errors.push(line);
    });

    // Act
    const code = await main(['conformance-pack', '--function-arn-prefix', PREFIX_ARN, '--out', out]);

    // Assess
    const template = parse(readFileSync(out, 'utf8')) as { Resources: Record<string, { Type: string }> };
    const types = Object.values(template.Resources).map((r) => r.Type);
    expect(code).toBe(0);
    expect(types).toEqual(rules.map(() => 'AWS::Config::ConfigRule'));
    expect(errors).toHaveLength(rules.filter((r) => r.remediation).length);
    expect(errors[0]).toMatch(
      /^note: .*remediation left out \(give --remediation-role-arn and --topic-arn\)$/,
    );
  });

  it('adds the remediations it can wire, from a configuration file', async () => {
    // Prepare
    const dir = tempOutdir('pack-config');
    const config = join(dir, 'guardrails.json');
    writeFileSync(
      config,
      JSON.stringify({
        enabledRules: ['glue-catalog-metadata-encrypted'],
        rules: { 'glue-catalog-metadata-encrypted': { remediation: { parameters: { KmsKeyId: KMS_KEY } } } },
      }),
    );
    const out = join(dir, 'pack.yaml');

    // Act
    const code = await main([
      'conformance-pack',
      '--function-arn-prefix',
      PREFIX_ARN,
      '--remediation-role-arn',
      'arn:aws:iam::111122223333:role/glue-guardrails-remediation',
      '--topic-arn',
      'arn:aws:sns:eu-west-1:111122223333:glue-guardrails-alerts',
      '--config',
      config,
      '--out',
      out,
    ]);

    // Assess
    const template = parse(readFileSync(out, 'utf8')) as {
      Resources: Record<string, { Type: string; DependsOn?: string; Properties: Record<string, unknown> }>;
    };
    const remediation = template.Resources.GlueCatalogMetadataEncryptedRemediation;
    expect(code).toBe(0);
    expect(remediation?.DependsOn).toBe('GlueCatalogMetadataEncrypted');
    expect(remediation?.Properties).toMatchObject({
      ConfigRuleName: 'glue-catalog-metadata-encrypted',
      TargetType: 'SSM_DOCUMENT',
      TargetId: 'EnableGlueCatalogEncryption',
      Parameters: {
        CatalogId: { ResourceValue: { Value: 'RESOURCE_ID' } },
        KmsKeyId: { StaticValue: { Values: [KMS_KEY] } },
      },
    });
  });

  it('refuses a malformed function ARN prefix with a usage error', async () => {
    // Prepare
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => {
      errors.push(line);
    });

    // Act
    const code = await main(['conformance-pack', '--function-arn-prefix', 'my-functions-']);

    // Assess
    expect(code).toBe(2);
    expect(errors.join('\n')).toContain(
      '--function-arn-prefix must look like arn:aws:lambda:<region>:<account>:function:',
    );
  });

  it.each([
    [
      { remediationRoleArn: 'arn:aws:iam::111122223333:user/remediator' },
      "--remediation-role-arn is not an IAM role ARN: 'arn:aws:iam::111122223333:user/remediator'",
    ],
    [
      { topicArn: 'arn:aws:sqs:eu-west-1:111122223333:alerts' },
      "--topic-arn is not an SNS topic ARN: 'arn:aws:sqs:eu-west-1:111122223333:alerts'",
    ],
  ])('refuses a role or topic that is not one (%j)', (options, message) => {
    // Act
    const act = () =>
      conformancePackTemplate(parseConfig(undefined), ruleCatalog, new Map(), {
        functionArnPrefix: PREFIX_ARN,
        ...options,
      });
    // Assess
    expect(act).toThrow(ConformancePackError);
    expect(act).toThrow(message);
  });
});
