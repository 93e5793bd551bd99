import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ruleCatalog } from '../../functions/rules/catalog';
import { parseExemptionsJson } from '../../functions/runtime/exemptions';
import { buildApp } from '../../infra/build-app';
import { InvalidConfigurationError, parseConfig } from '../../infra/config';
import { exemptionChunks, STANDARD_PARAMETER_BYTES } from '../../infra/exemptions';
import { daysFromToday, policiesOfRole, policyStatements, tempOutdir } from './support';

const TODAY = '2026-12-05';
const JOB_RULE = 'glue-job-logging-enabled';
const ACCOUNT_RULE = 'glue-connection-ssl-enforced';
/** A periodic job rule: its sweep lists jobs without their tags. */
const SWEPT_JOB_RULE = 'glue-job-network-isolated';
const exemption = (over: Record<string, unknown> = {}) => ({
  rule: JOB_RULE,
  resourceId: 'legacy-etl',
  reason: 'Retired with the Q1 migration',
  approver: 'cro@example.com',
  expires: '2027-03-01',
  ...over,
});
const problems = (config: Record<string, unknown>): readonly string[] => {
  try {
    parseConfig(config, ruleCatalog, TODAY);
  } catch (error) {
    if (error instanceof InvalidConfigurationError) return error.problems;
    throw error;
  }
  return [];
};

describe('Exemptions in the deployment configuration (checked at synth)', () => {
  it('accepts valid exemptions and defaults: 365 days, no tag exemptions', () => {
    const config = parseConfig({ exemptions: [exemption()] }, ruleCatalog, TODAY);
    expect(config.exemptions).toEqual([exemption()]);
    expect(config.exemptionMaxDays).toBe(365);
    expect(config.tagExemptionRules).toEqual([]);
  });

  it('rejects malformed, expired-at-creation and over-long exemptions, naming each', () => {
    expect(
      problems({
        exemptions: [
          exemption({ resourceId: 'a', expires: '2026-12-01' }),
          exemption({ resourceId: 'b', expires: '2028-01-01' }),
          exemption({ resourceId: 'c', approver: '' }),
          exemption({ rule: 'glue-unknown-rule', resourceId: 'd' }),
        ],
      }),
    ).toEqual([
      `exemptions[0] (${JOB_RULE} / a): expires 2026-12-01 is before 2026-12-05: expired at creation`,
      `exemptions[1] (${JOB_RULE} / b): expires 2028-01-01 is more than 365 days after 2026-12-05`,
      `exemptions[2] (${JOB_RULE} / c): approver is empty`,
      'exemptions[3] (glue-unknown-rule / d): unknown rule glue-unknown-rule',
    ]);
  });

  it('checks expiries against the configured exemptionMaxDays', () => {
    expect(problems({ exemptionMaxDays: 60, exemptions: [exemption()] })).toEqual([
      `exemptions[0] (${JOB_RULE} / legacy-etl): expires 2027-03-01 is more than 60 days after 2026-12-05`,
    ]);
    expect(problems({ exemptionMaxDays: 0 })).toEqual([
      'exemptionMaxDays: must be an integer from 1 to 1096, got 0',
    ]);
  });

  it('lets tags exempt only from known rules that can read Glue job or ML transform tags', () => {
    expect(problems({ tagExemptionRules: [JOB_RULE, 'glue-ml-transform-tagged'] })).toEqual([]);
    expect(problems({ tagExemptionRules: ['nope-rule', ACCOUNT_RULE] })).toEqual([
      "tagExemptionRules: unknown rule 'nope-rule'",
      `tagExemptionRules: ${ACCOUNT_RULE} does not evaluate Glue jobs or ML transforms, whose tags it could read on every trigger`,
    ]);
  });

  it('fails synth naming the bad exemption', async () => {
    await expect(
      buildApp({
        skipBundling: true,
        nag: false,
        builtinValidation: false,
        outdir: tempOutdir('exemptions-bad'),
        context: { glueGuardrails: { exemptions: [exemption({ expires: '2001-01-01' })] } },
      }),
    ).rejects.toThrow(`exemptions[0] (${JOB_RULE} / legacy-etl): expires 2001-01-01 is before`);
  });
});

describe('Exemption parameters: chunks under the standard tier', () => {
  it('packs hundreds of exemptions into parameters of at most 4 KB that read back whole', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      exemption({
        resourceId: `job-${String(i).padStart(3, '0')}`,
        reason: `Reason number ${i} ${'x'.repeat(60)}`,
      }),
    );
    const chunks = exemptionChunks(many as never);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks)
      expect(Buffer.byteLength(c, 'utf8')).toBeLessThanOrEqual(STANDARD_PARAMETER_BYTES);
    const back = chunks.flatMap((c) => parseExemptionsJson(c, { today: TODAY, rejectExpired: false }));
    expect(back).toEqual(many);
  });

  it('writes no parameter for a rule without exemptions', () => {
    expect(exemptionChunks([])).toEqual([]);
  });
});

type Resource = { Type: string; Properties: Record<string, unknown> };

describe('Exemptions in the stack', () => {
  let resources: Record<string, Resource>;
  const many = Array.from({ length: 40 }, (_, i) => ({
    rule: JOB_RULE,
    resourceId: `job-${i}`,
    reason: `Accepted until the platform migration, ticket RISK-${1000 + i} ${'.'.repeat(60)}`,
    approver: 'cro@example.com',
    expires: daysFromToday(100),
  }));

  beforeAll(async () => {
    const outdir = tempOutdir('exemptions-stack');
    const built = await buildApp({
      skipBundling: true,
      nag: false,
      builtinValidation: false,
      outdir,
      context: {
        glueGuardrails: {
          namePrefix: 'acme-',
          enabledRules: [JOB_RULE, ACCOUNT_RULE, 'glue-ml-transform-encrypted', SWEPT_JOB_RULE],
          exemptions: [...many, { ...many[0], rule: ACCOUNT_RULE, resourceId: 'mainframe-link' }],
          exemptionMaxDays: 120,
          tagExemptionRules: [JOB_RULE, SWEPT_JOB_RULE],
        },
      },
    });
    built.app.synth();
    resources = (
      JSON.parse(readFileSync(join(outdir, 'GlueGuardrails.template.json'), 'utf8')) as {
        Resources: Record<string, Resource>;
      }
    ).Resources;
  }, 180_000);

  const fnOf = (rule: string): [string, Resource] => {
    const found = Object.entries(resources).find(
      ([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName === `acme-${rule}`,
    );
    if (!found) throw new Error(`no function ${rule}`);
    return found;
  };
  const envOf = (rule: string): Record<string, string> =>
    (fnOf(rule)[1].Properties.Environment as { Variables: Record<string, string> }).Variables;
  const statementsOf = (rule: string) => {
    const role = (fnOf(rule)[1].Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0] ?? '';
    return policiesOfRole(resources, role).flatMap(policyStatements);
  };

  it('writes each rule its exemptions as standard-tier parameters under its own path', () => {
    const params = Object.values(resources).filter((r) => r.Type === 'AWS::SSM::Parameter');
    const byPath = (path: string) =>
      params
        .filter((p) => String(p.Properties.Name).startsWith(`${path}/`))
        .sort((a, b) => String(a.Properties.Name).localeCompare(String(b.Properties.Name)));
    const job = byPath(`/glue-guardrails/exemptions/acme-${JOB_RULE}`);
    expect(job.length).toBeGreaterThan(1);
    expect(job.map((p) => p.Properties.Name)[0]).toBe(`/glue-guardrails/exemptions/acme-${JOB_RULE}/000`);
    for (const p of job) {
      expect(p.Properties.Tier).toBe('Standard');
      expect(Buffer.byteLength(String(p.Properties.Value))).toBeLessThanOrEqual(4096);
    }
    const read = job.flatMap((p) => JSON.parse(String(p.Properties.Value)) as unknown[]);
    expect(read).toEqual(many);
    expect(byPath(`/glue-guardrails/exemptions/acme-${ACCOUNT_RULE}`)).toHaveLength(1);
    expect(byPath('/glue-guardrails/exemptions/acme-glue-ml-transform-encrypted')).toHaveLength(0);
  });

  it('tells each function its path, its tag setting and the maximum', () => {
    expect(envOf(JOB_RULE)).toMatchObject({
      GLUE_GUARDRAILS_EXEMPTIONS_PATH: `/glue-guardrails/exemptions/acme-${JOB_RULE}`,
      GLUE_GUARDRAILS_TAG_EXEMPTIONS: 'true',
      GLUE_GUARDRAILS_EXEMPTION_MAX_DAYS: '120',
    });
    expect(envOf('glue-ml-transform-encrypted')).toMatchObject({ GLUE_GUARDRAILS_TAG_EXEMPTIONS: 'false' });
  });

  it('lets each rule read exactly its own path, and read tags only where tags may exempt', () => {
    for (const rule of [JOB_RULE, ACCOUNT_RULE, 'glue-ml-transform-encrypted']) {
      const ssm = statementsOf(rule).filter((s) => JSON.stringify(s.Action).includes('ssm:'));
      expect(ssm).toHaveLength(1);
      expect(ssm[0]?.Action).toBe('ssm:GetParametersByPath');
      const resource = JSON.stringify(ssm[0]?.Resource);
      expect(resource).toContain(`:parameter/glue-guardrails/exemptions/acme-${rule}"`);
      expect(resource).not.toContain('*');
    }
    const tags = (rule: string) =>
      statementsOf(rule).filter((s) => JSON.stringify(s.Action).includes('glue:GetTags'));
    expect(tags(SWEPT_JOB_RULE)).toHaveLength(1);
    expect(JSON.stringify(tags(SWEPT_JOB_RULE)[0]?.Resource)).toContain(':job/*');
    // A change-only rule reads tags from the configuration item: no GetTags.
    expect(tags(JOB_RULE)).toHaveLength(0);
    expect(tags('glue-ml-transform-encrypted')).toHaveLength(0);
    expect(tags(ACCOUNT_RULE)).toHaveLength(0);
  });
});
