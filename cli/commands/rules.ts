import { ruleCatalog } from '../../functions/rules/catalog';
import type { AnyRuleMeta } from '../../functions/runtime/meta';
import { ExitCode } from '../errors';
import { FORMAT_OPTION, outputFormat, parse } from '../options';
import {
  describeRule,
  frameworkLabels,
  parameterRows,
  remediationText,
  reportedType,
  triggerText,
} from '../rule-docs';

export const usage = `Usage: glue-guardrails rules [--format table|json]

Lists every rule of the suite: severity, the resource type it reports, when it runs, its
parameters (with defaults), its remediation document (automatic or manual) and the control
framework controls it is mapped to. Nothing is called on AWS.
'glue-guardrails explain <rule-id>' tells everything about one rule.

Options:
  --format F          table (default) or json`;

/** One rule as the table lists it. */
export function ruleBlock(rule: AnyRuleMeta): string {
  const params = parameterRows(rule).map(
    (p) =>
      `${p.name} (${p.kind}, ${p.required ? 'required' : `default ${p.default === undefined || p.default === '' ? 'none' : p.default}`})`,
  );
  const frameworks = frameworkLabels(rule);
  return [
    `${rule.id}  ${rule.severity}  ${reportedType(rule)}`,
    `  trigger      ${triggerText(rule)}`,
    `  parameters   ${params.length > 0 ? params.join('; ') : 'none'}`,
    `  remediation  ${remediationText(rule)}`,
    `  frameworks   ${frameworks.length > 0 ? frameworks.join(', ') : 'not mapped'}`,
  ].join('\n');
}

/** The listing of these rules in the given format. */
export function renderRules(rules: readonly AnyRuleMeta[], format: 'table' | 'json'): string {
  if (format === 'json')
    return JSON.stringify(
      rules.map((r) => describeRule(r, { withDocument: false })),
      null,
      2,
    );
  return `${rules.map(ruleBlock).join('\n\n')}\n\n${rules.length} rules. Details: glue-guardrails explain <rule-id>`;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse({
    args: argv,
    options: { ...FORMAT_OPTION },
    strict: true,
    allowPositionals: false,
  });
  console.log(renderRules(ruleCatalog, outputFormat(values)));
  return ExitCode.OK;
}
