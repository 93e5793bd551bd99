import { ruleCatalog } from '../../functions/rules/catalog';
import type { AnyRuleMeta } from '../../functions/runtime/meta';
import { ExitCode, UsageError } from '../errors';
import { FORMAT_OPTION, outputFormat, parse } from '../options';
import { closestIds, describeRule, type RuleDescription, ruleScenarios } from '../rule-docs';

export const usage = `Usage: glue-guardrails explain <rule-id> [--format table|json]

Explains one rule: what must hold, the control it answers, when it runs, the scenarios it
judges, its parameters with their defaults, the IAM permissions its evaluation needs, and its
remediation document: whether it runs automatically, its parameters, what it changes and the
permissions it needs. Nothing is called on AWS. 'glue-guardrails rules' lists the rule ids.

Options:
  --format F          table (default) or json`;

const indent = (text: string, pad = '  '): string =>
  text
    .split('\n')
    .map((line) => (line === '' ? line : `${pad}${line}`))
    .join('\n');

const shown = (value: unknown): string => (Array.isArray(value) ? value.join(',') : String(value));

/** The explanation of a rule as text. */
export function renderExplanation(d: RuleDescription & { scenarios: string[] }): string {
  const lines: string[] = [
    `${d.id} (${d.severity})`,
    '',
    indent(d.description),
    '',
    `Control:        ${d.control}`,
    `Reports on:     ${d.resourceType}`,
    `Runs:           ${d.trigger}`,
    '',
    'Scenarios:',
    ...(d.scenarios.length > 0 ? d.scenarios.map((s) => `  ${s}`) : ['  (not documented)']),
    '',
    'Parameters:',
  ];
  if (d.parameters.length === 0) lines.push('  none');
  for (const p of d.parameters) {
    const dflt = p.required
      ? 'required'
      : `default ${p.default === undefined || p.default === '' ? '(none)' : p.default}`;
    lines.push(`  ${p.name} (${p.kind}, ${dflt}): ${p.description}`);
  }
  lines.push('', 'IAM permissions of the evaluation:', `  ${d.iam.join(', ')}`, '', 'Frameworks:');
  if (d.frameworks.length === 0) lines.push('  not mapped');
  for (const f of d.frameworks) lines.push(`  ${f.name} ${f.control} ${f.title} (source: ${f.source})`);
  lines.push('', 'Remediation:');
  const r = d.remediation;
  if (!r) {
    lines.push('  none: fix by hand (the annotation of each finding says what is wrong)');
    return lines.join('\n');
  }
  lines.push(
    `  Document:     ${r.document} (${r.automatic ? 'automatic: AWS Config runs it on NON_COMPLIANT' : 'manual: run it with glue-guardrails remediate'})`,
    `  Resource id:  passed as ${r.resourceIdParameter}`,
  );
  const fixed = Object.entries(r.staticParameters);
  if (fixed.length > 0)
    lines.push(`  Set by the rule: ${fixed.map(([k, v]) => `${k}=${shown(v)}`).join(', ')}`);
  const derived = Object.entries(r.fromRuleParameters);
  if (derived.length > 0)
    lines.push(`  From rule parameters: ${derived.map(([doc, rule]) => `${doc} <- ${rule}`).join(', ')}`);
  lines.push('  Parameters:');
  for (const p of r.parameters ?? []) {
    const dflt = p.default !== undefined ? ` [default ${JSON.stringify(p.default)}]` : '';
    lines.push(`    ${p.name} (${p.type})${dflt}: ${p.description}`);
  }
  lines.push(
    '  What it changes:',
    indent(r.changes ?? '', '    '),
    `  IAM permissions: ${(r.iam ?? []).join(', ')}`,
  );
  return lines.join('\n');
}

/** The rule with this id, or a usage error naming the closest ids. */
export function findRule(id: string, catalog: readonly AnyRuleMeta[] = ruleCatalog): AnyRuleMeta {
  const rule = catalog.find((r) => r.id === id);
  if (rule) return rule;
  const near = closestIds(
    id,
    catalog.map((r) => r.id),
  );
  throw new UsageError(`Unknown rule '${id}'. Closest: ${near.join(', ')}`);
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse({
    args: argv,
    options: { ...FORMAT_OPTION },
    strict: true,
    allowPositionals: true,
  });
  const format = outputFormat(values);
  if (positionals.length !== 1) throw new UsageError('explain takes one rule id');
  const rule = findRule(positionals[0] as string);
  const description = { ...describeRule(rule), scenarios: ruleScenarios(rule.id) };
  console.log(format === 'json' ? JSON.stringify(description, null, 2) : renderExplanation(description));
  return ExitCode.OK;
}
