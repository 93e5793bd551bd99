import { ruleCatalog } from '../../functions/rules/catalog';
import { rules as registry } from '../../functions/rules/index';
import { awsFromOptions } from '../aws-options';
import { ExitCode, UsageError } from '../errors';
import { formatTable } from '../format';
import {
  AWS_OPTIONS,
  AWS_USAGE,
  checkRuleParams,
  FORMAT_OPTION,
  outputFormat,
  parse,
  ruleParams,
  selectRules,
} from '../options';
import { scanAccount } from '../scan-account';
import { scanAggregator } from '../scan-aggregator';
import type { ScanReport } from '../scan-types';

export const usage = `Usage: glue-guardrails scan [options]

Evaluates every registered rule (or --rules) against an account without deploying anything.
Exit code: 0 nothing non-compliant, 1 something non-compliant, 2 error.

Options:
  --rules a,b         only these rule ids
  --param R.N=V       rule parameter N of rule R (repeatable), e.g. glue-job-security-configuration-encrypted.allowSseS3=true
  --format F          table (default) or json
  --aggregator NAME   read the deployed rules' results across the organization from this AWS Config
                      aggregator instead of scanning (no role assumed)
  --name-prefix P     with --aggregator: the deployment's namePrefix (default none)
${AWS_USAGE}`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse({
    args: argv,
    options: {
      ...AWS_OPTIONS,
      rules: { type: 'string' },
      param: { type: 'string', multiple: true },
      ...FORMAT_OPTION,
      aggregator: { type: 'string' },
      'name-prefix': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const format = outputFormat(values);
  if (values.aggregator !== undefined) return runAggregator(values, format);
  const rules = selectRules(values.rules as string | undefined, registry);
  const parameters = ruleParams(values.param as string[] | undefined);
  checkRuleParams(rules, parameters);
  const aws = await awsFromOptions(values as { region?: string; endpoint?: string; profile?: string });
  const result = await scanAccount(aws, { rules, parameters });
  if (format === 'json') {
    console.log(JSON.stringify(result.findings, null, 2));
    for (const e of result.errors)
      console.error(`ERROR ${e.rule}${e.resourceId ? ` ${e.resourceId}` : ''}: ${e.error}`);
  } else {
    console.log(formatTable(result));
  }
  if (result.errors.length > 0) return ExitCode.ERROR;
  return result.findings.some((f) => f.compliance === 'NON_COMPLIANT') ? ExitCode.NON_COMPLIANT : ExitCode.OK;
}

async function runAggregator(values: Record<string, unknown>, format: 'table' | 'json'): Promise<number> {
  if (values.param !== undefined)
    throw new UsageError('--param does not apply to --aggregator (rules ran as deployed)');
  const aws = await awsFromOptions(values as { region?: string; endpoint?: string; profile?: string });
  const report: ScanReport = await scanAggregator(aws, {
    aggregator: values.aggregator as string,
    rules: selectRules(values.rules as string | undefined, ruleCatalog),
    namePrefix: (values['name-prefix'] as string | undefined) ?? '',
  });
  const failed = report.evaluations.filter((e) => e.compliance === 'ERROR');
  if (report.evaluations.length === 0) {
    // Nothing read is not a clean result: the rules may not be deployed or not aggregated yet.
    console.error(
      `No results of the suite's rules in aggregator ${values.aggregator} (rules not deployed, or not aggregated yet?)`,
    );
    if (format === 'json') console.log('[]');
    return ExitCode.ERROR;
  }
  if (format === 'json') {
    console.log(JSON.stringify(report.evaluations, null, 2));
  } else {
    const cells = [...new Set(report.evaluations.map((e) => `${e.account} ${e.region}`))].sort();
    for (const cell of cells) {
      const here = report.evaluations.filter((e) => `${e.account} ${e.region}` === cell);
      const [accountId = '', region = ''] = cell.split(' ');
      console.log(
        formatTable({
          accountId,
          region,
          findings: here.flatMap((e) =>
            e.compliance === 'ERROR' ? [] : [{ ...e, compliance: e.compliance }],
          ),
          errors: here.flatMap((e) =>
            e.compliance === 'ERROR' ? [{ rule: e.rule, error: e.annotation }] : [],
          ),
        }),
      );
    }
  }
  if (failed.length > 0) return ExitCode.ERROR;
  return report.evaluations.some((e) => e.compliance === 'NON_COMPLIANT')
    ? ExitCode.NON_COMPLIANT
    : ExitCode.OK;
}
