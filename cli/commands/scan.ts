import { rules as registry } from '../../functions/rules/index';
import { awsFromOptions } from '../aws-options';
import { ExitCode } from '../errors';
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

export const usage = `Usage: glue-guardrails scan [options]

Evaluates every registered rule (or --rules) against an account without deploying anything.
Exit code: 0 nothing non-compliant, 1 something non-compliant, 2 error.

Options:
  --rules a,b         only these rule ids
  --param R.N=V       rule parameter N of rule R (repeatable), e.g. glue-job-security-configuration-encrypted.allowSseS3=true
  --format F          table (default) or json
${AWS_USAGE}`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse({
    args: argv,
    options: {
      ...AWS_OPTIONS,
      rules: { type: 'string' },
      param: { type: 'string', multiple: true },
      ...FORMAT_OPTION,
    },
    strict: true,
    allowPositionals: false,
  });
  const format = outputFormat(values);
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
