// What `rules` and `explain` print: a rule's metadata from the catalog, its documented scenarios
// (read from the rule's source as text, never loaded) and its remediation document. No SDK client
// and no evaluation code is loaded here (test/cli/module-graph.test.ts).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AnyRuleMeta, FRAMEWORKS } from '../functions/runtime/meta';
import { loadDocument } from '../remediation/catalog/documents';
import { documentPermissions } from '../remediation/catalog/permissions';
import type { AutomationDocument } from '../remediation/catalog/types';

/** functions/rules/, where each rule's source (with its Scenarios block) lives as <id>.ts. */
export const RULES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'functions', 'rules');

/** When the rule runs: on configuration changes of its resource types, and/or periodically. */
export function triggerText(rule: AnyRuleMeta): string {
  const parts: string[] = [];
  if (rule.scope === 'resource' && rule.resourceTypes.length > 0)
    parts.push(`on change of ${rule.resourceTypes.join(', ')}`);
  if (rule.periodic) parts.push(`periodic ${rule.periodic}`);
  return parts.join('; ');
}

/** The resource type the rule reports results against. */
export function reportedType(rule: AnyRuleMeta): string {
  return rule.scope === 'resource' ? rule.resourceType : 'AWS::::Account';
}

/** The remediation in one phrase: document and whether Config runs it automatically. */
export function remediationText(rule: AnyRuleMeta): string {
  if (!rule.remediation) return 'none';
  return `${rule.remediation.document} (${rule.remediation.automatic ? 'automatic' : 'manual'})`;
}

/** `framework control` of every mapping, or [] when the rule is not mapped. */
export function frameworkLabels(rule: AnyRuleMeta): string[] {
  return (rule.frameworks ?? []).map((f) => `${f.framework} ${f.control}`);
}

/** One parameter of a rule, as listed. */
export interface ParameterRow {
  name: string;
  kind: string;
  required: boolean;
  default: string | undefined;
  description: string;
}

export function parameterRows(rule: AnyRuleMeta): ParameterRow[] {
  return Object.entries(rule.parameters as Record<string, AnyRuleMeta['parameters'][string]>).map(
    ([name, spec]) => ({
      name,
      kind: spec.kind,
      required: spec.required,
      default: spec.defaultText,
      description: spec.description,
    }),
  );
}

/**
 * The numbered lines of the rule's `Scenarios:` block (in its source's doc comment), without the
 * comment markers; [] when the source or the block is not there.
 */
export function ruleScenarios(id: string, dir: string = RULES_DIR): string[] {
  const file = join(dir, `${id}.ts`);
  if (!existsSync(file)) return [];
  const block = readFileSync(file, 'utf8').split('Scenarios:')[1]?.split('*/')[0] ?? '';
  const out: string[] = [];
  for (const raw of block.split('\n')) {
    const line = raw.replace(/^\s*\*/, '').trim();
    if (line === '') continue;
    if (/^\d+[a-z]?\./.test(line) || out.length === 0) out.push(line.replace(/\s+/g, ' '));
    else out[out.length - 1] += ` ${line.replace(/\s+/g, ' ')}`;
  }
  return out;
}

/** The "What does this document do?" paragraph of a document's description, as one text. */
export function documentPurpose(doc: AutomationDocument): string {
  const description = doc.description ?? '';
  const section = description.split(/^##[ \t]*What does this document do\?[ \t]*$/m)[1] ?? '';
  const body = section.split(/^#/m)[0] ?? '';
  return body.trim();
}

/** What `explain` and `rules --format json` say about a rule. */
export interface RuleDescription {
  id: string;
  description: string;
  control: string;
  severity: string;
  resourceType: string;
  trigger: string;
  parameters: ParameterRow[];
  iam: string[];
  frameworks: { framework: string; name: string; control: string; title: string; source: string }[];
  remediation?: {
    document: string;
    automatic: boolean;
    resourceIdParameter: string;
    /** Document parameters set from the rule's parameters (document <- rule). */
    fromRuleParameters: Record<string, string>;
    /** Document parameters the rule fixes. */
    staticParameters: Record<string, string | string[]>;
    /** The document's own parameters: name, type, default, description (when the document is read). */
    parameters?: { name: string; type: string; default?: unknown; description: string }[];
    /** What the document does, its description's first section (when the document is read). */
    changes?: string;
    /** The IAM actions the document needs (when the document is read). */
    iam?: string[];
  };
}

/** A rule's full description; `withDocument` false skips reading the remediation document. */
export function describeRule(rule: AnyRuleMeta, options: { withDocument?: boolean } = {}): RuleDescription {
  const out: RuleDescription = {
    id: rule.id,
    description: rule.description,
    control: rule.control,
    severity: rule.severity,
    resourceType: reportedType(rule),
    trigger: triggerText(rule),
    parameters: parameterRows(rule),
    iam: [...rule.iam],
    frameworks: (rule.frameworks ?? []).map((f) => ({
      framework: f.framework,
      name: FRAMEWORKS[f.framework] ?? f.framework,
      control: f.control,
      title: f.title,
      source: f.source,
    })),
  };
  const link = rule.remediation;
  if (link) {
    const remediation: NonNullable<RuleDescription['remediation']> = {
      document: link.document,
      automatic: link.automatic,
      resourceIdParameter: link.resourceIdParameter,
      fromRuleParameters: { ...(link.fromRuleParameters ?? {}) },
      staticParameters: { ...(link.staticParameters ?? {}) },
    };
    if (options.withDocument ?? true) {
      const doc = loadDocument(link.document);
      remediation.parameters = Object.entries(doc.parameters ?? {}).map(([name, spec]) => ({
        name,
        type: spec.type,
        ...(spec.default !== undefined ? { default: spec.default } : {}),
        description: spec.description ?? '',
      }));
      remediation.changes = documentPurpose(doc);
      remediation.iam = documentPermissions(doc);
    }
    out.remediation = remediation;
  }
  return out;
}

/** Edit distance (insertions, deletions, substitutions), two rows of memory. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * The ids closest to `id`: those containing it (or contained in it) first, then those sharing the
 * most words (`-`-separated), then by edit distance; at most `limit`.
 */
export function closestIds(id: string, ids: readonly string[], limit = 3): string[] {
  const needle = id.toLowerCase();
  const words = new Set(needle.split('-').filter(Boolean));
  return ids
    .map((candidate) => ({
      candidate,
      contains: candidate.includes(needle) || needle.includes(candidate) ? 1 : 0,
      shared: candidate.split('-').filter((w) => words.has(w)).length,
      distance: editDistance(needle, candidate),
    }))
    .sort(
      (x, y) =>
        y.contains - x.contains ||
        y.shared - x.shared ||
        x.distance - y.distance ||
        x.candidate.localeCompare(y.candidate),
    )
    .slice(0, limit)
    .map((x) => x.candidate);
}
