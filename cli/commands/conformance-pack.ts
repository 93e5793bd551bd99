import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { errorMessage } from '../../functions/runtime/errors';
import { enabledRules, parseConfig } from '../../infra/config';
import { ConformancePackError, conformancePackTemplate } from '../../infra/conformance-pack';
import { loadRemediationDocuments } from '../../infra/remediations';
import { ExitCode, UsageError } from '../errors';
import { parse } from '../options';
import { OutputFileError, writeOutputFile } from '../output-file';

export const usage = `Usage: glue-guardrails conformance-pack --function-arn-prefix ARN [options]

Writes an AWS Config conformance pack template (AWS::Config::ConfigRule and
AWS::Config::RemediationConfiguration only, as packs require) for the enabled rules.

A pack cannot create the rules' Lambda functions, the SSM documents or the remediation role:
they must already exist where the pack is deployed (deploy the account stack, or your own
equivalent). Each rule's function is <namePrefix><rule-id> under --function-arn-prefix and must
let config.amazonaws.com invoke it from the accounts the pack runs in.

Options:
  --function-arn-prefix P   arn:aws:lambda:<region>:<account>:function: (required)
  --remediation-role-arn A  role SSM assumes to run the documents (remediations need it)
  --topic-arn A             SNS topic the documents publish their results to (remediations need it)
  --config FILE             JSON configuration, as in cdk.json context glueGuardrails (default: defaults)
  --out FILE                write the template here (default: standard output); refuses an
                            existing file (unless --force) and a symbolic link (always)
  --force                   with --out, overwrite an existing regular file`;

function readConfig(file: string | undefined): unknown {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--config ${file}: ${errorMessage(error)}`);
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse({
    args: argv,
    options: {
      'function-arn-prefix': { type: 'string' },
      'remediation-role-arn': { type: 'string' },
      'topic-arn': { type: 'string' },
      config: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const prefix = values['function-arn-prefix'] as string | undefined;
  if (!prefix) throw new UsageError('--function-arn-prefix is required');
  const out = values.out as string | undefined;
  if (values.force && !out) throw new UsageError('--force only applies with --out');
  const config = parseConfig(readConfig(values.config as string | undefined));
  const rules = enabledRules(config);
  const documents = loadRemediationDocuments(
    rules.flatMap((r) => (r.remediation ? [r.remediation.document] : [])),
  );
  let pack: ReturnType<typeof conformancePackTemplate>;
  try {
    pack = conformancePackTemplate(config, rules, documents, {
      functionArnPrefix: prefix,
      remediationRoleArn: values['remediation-role-arn'] as string | undefined,
      topicArn: values['topic-arn'] as string | undefined,
    });
  } catch (error) {
    if (error instanceof ConformancePackError) throw new UsageError(error.message);
    throw error;
  }
  const text = stringify(pack.template, { lineWidth: 0 });
  if (out) {
    try {
      writeOutputFile(out, text, { force: values.force === true });
    } catch (error) {
      if (error instanceof OutputFileError) throw new UsageError(`--out ${error.message}`);
      throw error;
    }
  } else process.stdout.write(text);
  for (const note of pack.notes) console.error(`note: ${note}`);
  return ExitCode.OK;
}
