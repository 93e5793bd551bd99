// The policy semantics tables (issue 12): hostile and tricky policies with literal expected verdicts
// per rule, run through the TypeScript rules; the catalog table also through the Python decision
// logic of RestrictGlueCatalogPolicy. Each table row is one test.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CustomerManagedPolicy } from '../../functions/lookups/iam';
import { rule as catalogRule } from '../../functions/rules/glue-catalog-policy-restricted';
import { judgeJobVpcRestriction } from '../../functions/rules/glue-iam-job-vpc-restricted';
import { judgeLeastPrivilege } from '../../functions/rules/glue-iam-policy-least-privilege';
import { rule as sslRule } from '../../functions/rules/glue-s3-targets-ssl-only';
import { PolicyParseError } from '../../functions/rules/lib/policy';
import type { Verdict } from '../../functions/runtime/types';
import { ACCOUNT_ID } from '../support/config-events';
import { evaluateAccount } from '../support/rule-context';

const HERE = import.meta.dirname;
const REPO = resolve(HERE, '..', '..');
const PYTHON = join(REPO, '.venv', 'bin', 'python');
const SCRIPT = join(REPO, 'remediation', 'documents', 'scripts', 'restrict_glue_catalog_policy.py');

interface Row {
  name: string;
  policy?: object;
  policyText?: string;
  expect: string;
}
interface CatalogRow extends Row {
  options?: { allowedAccountIds?: string[]; requireSourceVpce?: boolean };
  remediationRemoves: string[] | 'ERROR';
}

function table<T extends Row>(file: string): T[] {
  return JSON.parse(readFileSync(join(HERE, file), 'utf8')) as T[];
}
const text = (row: Row) => row.policyText ?? JSON.stringify(row.policy);
const iamPolicy = (row: Row): CustomerManagedPolicy => ({
  policyId: 'ANPAEXAMPLE000000009',
  policyName: 'table',
  arn: `arn:aws:iam::${ACCOUNT_ID}:policy/table`,
  document: text(row),
});

/** The verdict's compliance, or ERROR when the policy was refused with the named error. */
async function outcome(judge: () => Verdict | Promise<Verdict>): Promise<string> {
  try {
    return (await judge()).compliance;
  } catch (error) {
    if (error instanceof PolicyParseError) return 'ERROR';
    throw error;
  }
}

const catalog = table<CatalogRow>('catalog-policy.json');

describe('policy semantics: glue-catalog-policy-restricted', () => {
  it.each(catalog.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    // Act
    const got = await outcome(() =>
      catalogRule.evaluate({
        params: {
          allowedAccountIds: row.options?.allowedAccountIds ?? [],
          requireSourceVpce: row.options?.requireSourceVpce ?? false,
        },
        lookups: { catalogPolicy: async () => text(row) },
        accountId: ACCOUNT_ID,
        region: 'us-east-1',
      }),
    );
    // Assess
    expect(got).toBe(row.expect);
  });

  it('RestrictGlueCatalogPolicy (Python) removes exactly the statements the table names', () => {
    // Act
    const out = execFileSync(
      PYTHON,
      [join(HERE, 'catalog_harness.py'), SCRIPT, join(HERE, 'catalog-policy.json')],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', PYTHONDONTWRITEBYTECODE: '1' },
      },
    );
    // Assess
    const removed = JSON.parse(out) as Record<string, unknown>;
    expect(removed).toEqual(Object.fromEntries(catalog.map((r) => [r.name, r.remediationRemoves])));
  });

  it('agrees with the rule: an any-principal statement is removed exactly when the rule finds it open', () => {
    // Assess: rows without options and with an any-principal grant must agree both ways.
    for (const row of catalog.filter((r) => !r.options && r.remediationRemoves !== 'ERROR')) {
      if ((row.remediationRemoves as string[]).length > 0) expect(row.expect, row.name).toBe('NON_COMPLIANT');
    }
    for (const row of catalog.filter((r) => r.expect === 'ERROR')) {
      expect(row.remediationRemoves, row.name).toBe('ERROR');
    }
  });
});

describe('policy semantics: glue-iam-policy-least-privilege', () => {
  it.each(table<Row>('iam-least-privilege.json').map((r) => [r.name, r] as const))(
    '%s',
    async (_name, row) => {
      // Act / Assess
      expect(await outcome(() => judgeLeastPrivilege(iamPolicy(row)))).toBe(row.expect);
    },
  );
});

describe('policy semantics: glue-iam-job-vpc-restricted', () => {
  const rows = table<Row & { allowedVpcIds?: string[] }>('iam-job-vpc.json');
  it.each(rows.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    // Act / Assess
    expect(await outcome(() => judgeJobVpcRestriction(iamPolicy(row), row.allowedVpcIds ?? []))).toBe(
      row.expect,
    );
  });
});

describe('policy semantics: glue-s3-targets-ssl-only', () => {
  it.each(table<Row>('s3-ssl-only.json').map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    // Prepare
    const fakes = {
      jobs: async () => [
        { Name: 'etl', Command: { Name: 'glueetl', ScriptLocation: 's3://data-bucket/etl.py' } },
      ],
      crawlers: async () => [],
      bucketPolicy: async () => ({ status: 'policy' as const, policy: text(row) }),
    };
    // Act / Assess
    expect(await outcome(() => evaluateAccount(sslRule, fakes))).toBe(row.expect);
  });
});
