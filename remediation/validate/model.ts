import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScriptPart } from '../catalog/documents';
import { IAM_PREFIX_OVERRIDES, iamPrefix, scriptPermissionsByKind } from '../catalog/permissions';
import type { AutomationDocument } from '../catalog/types';
import { pythonPath } from '../runner/python';

const HERE = dirname(fileURLToPath(import.meta.url));
const API_ACTIONS = new Set([
  'aws:executeAwsApi',
  'aws:assertAwsResourceProperty',
  'aws:waitForAwsResourceProperty',
]);
const CONTROL_INPUTS = new Set(['Service', 'Api', 'PropertySelector', 'DesiredValues']);

interface ModelReply {
  calls: Record<string, string[]>;
  scripts: Record<string, { actions: string[]; at: Array<[number, string]>; problems: string[] }>;
  services: Record<string, string | null>;
  operations: Record<string, boolean>;
}

/** Per document: problems found against the botocore models, by check. */
export interface ModelFindings {
  /** Service/Api/parameters/selectors of API steps. */
  api: string[];
  /** `# iam:` headers of script steps against the boto3 calls the scripts make. */
  scripts: string[];
  /** boto3 service names whose IAM prefix the runner would get wrong. */
  prefixes: string[];
}

/**
 * Checks every API step and script of the given documents against the botocore service models
 * in the project's .venv, with ONE Python process for all of them. `parts` (document -> step ->
 * `scriptParts`) says which files a script was inlined from, so each file's own header is checked too.
 */
export function checkAgainstModels(
  docs: Record<string, AutomationDocument>,
  parts: Record<string, Record<string, ScriptPart[]>> = {},
): Record<string, ModelFindings> {
  const calls: Array<Record<string, unknown>> = [];
  const scripts: Array<Record<string, unknown>> = [];
  const services = new Set<string>();
  for (const [name, doc] of Object.entries(docs)) {
    for (const step of doc.mainSteps ?? []) {
      const inputs = step.inputs ?? {};
      const key = `${name}/${step.name}`;
      if (API_ACTIONS.has(step.action)) {
        // Exactly as written: boto3 service names are lower case, and so must the document's be.
        const service = String(inputs.Service);
        services.add(service);
        const params = Object.fromEntries(Object.entries(inputs).filter(([k]) => !CONTROL_INPUTS.has(k)));
        const selectors = [
          ...(inputs.PropertySelector !== undefined ? [String(inputs.PropertySelector)] : []),
          ...(step.outputs ?? []).map((o) => o.Selector),
        ];
        calls.push({ key, service, api: String(inputs.Api), params, selectors });
      } else if (step.action === 'aws:executeScript' && typeof inputs.Script === 'string') {
        let declared: string[] = [];
        try {
          declared = scriptPermissionsByKind(inputs.Script).direct;
        } catch {
          // reported by the TS side below
        }
        scripts.push({ key, text: inputs.Script, prefixes: IAM_PREFIX_OVERRIDES, declared });
      }
    }
  }
  const run = spawnSync(pythonPath(), [join(HERE, 'model.py')], {
    input: JSON.stringify({ calls, scripts, services: [...services] }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0)
    throw new Error(`model.py failed (${run.status}): ${run.stderr || run.error?.message}`);
  const reply = JSON.parse(run.stdout) as ModelReply;
  const out: Record<string, ModelFindings> = {};
  for (const [name, doc] of Object.entries(docs)) {
    const findings: ModelFindings = { api: [], scripts: [], prefixes: [] };
    for (const step of doc.mainSteps ?? []) {
      const key = `${name}/${step.name}`;
      const inputs = step.inputs ?? {};
      for (const p of reply.calls[key] ?? []) findings.api.push(`Step '${step.name}': ${p}`);
      if (API_ACTIONS.has(step.action)) {
        const service = String(inputs.Service);
        const signing = reply.services[service];
        if (signing && !(service in IAM_PREFIX_OVERRIDES) && iamPrefix(service) !== signing) {
          findings.prefixes.push(
            `Step '${step.name}': IAM prefix of '${service}' is '${signing}', not '${iamPrefix(service)}'`,
          );
        }
      }
      const script = reply.scripts[key];
      if (!script) continue;
      findings.scripts.push(...script.problems.map((p) => `Step '${step.name}': ${p}`));
      findings.scripts.push(
        ...headerDrift(step.name, String(inputs.Script), script.actions, reply.operations),
      );
      const files = parts[name]?.[step.name] ?? [];
      if (files.length > 1) {
        findings.scripts.push(
          ...fileDrift(step.name, String(inputs.Script), files, script.at, reply.operations),
        );
      }
    }
    out[name] = findings;
  }
  return out;
}

/**
 * The `# iam:` headers must list exactly the calls the script makes (plus permission-only actions
 * such as iam:PassRole). `script` is the resolved text, lib files included: the union of every
 * file's header is checked against every call in the text, so a call no header declares and a
 * declared action nothing calls both fail, whichever file they are in.
 */
function headerDrift(
  step: string,
  script: string,
  calls: string[],
  operations: Record<string, boolean>,
): string[] {
  let declared: string[];
  try {
    declared = scriptPermissionsByKind(script).direct;
  } catch (error) {
    return [`Step '${step}': ${(error as Error).message}`];
  }
  const problems: string[] = [];
  if (declared.length === 0) problems.push(`Step '${step}': the script has no '# iam:' header`);
  const missing = calls.filter((a) => !declared.includes(a));
  if (missing.length > 0)
    problems.push(
      `Step '${step}': the script calls ${missing.join(', ')} but its '# iam:' header omits them`,
    );
  const unused = declared.filter((a) => !calls.includes(a) && operations[a] !== false);
  if (unused.length > 0)
    problems.push(`Step '${step}': '# iam:' declares ${unused.join(', ')} but the script never calls them`);
  return problems;
}

/**
 * Each inlined file's own `# iam:` header lists exactly the calls made on its own lines: the union
 * check above cannot tell a lib call declared by the script that uses the lib from one declared by
 * the lib itself.
 */
function fileDrift(
  step: string,
  script: string,
  files: ScriptPart[],
  at: Array<[number, string]>,
  operations: Record<string, boolean>,
): string[] {
  const lines = script.split('\n');
  const problems: string[] = [];
  for (const file of files) {
    let declared: string[];
    try {
      declared = scriptPermissionsByKind(lines.slice(file.firstLine - 1, file.lastLine).join('\n')).direct;
    } catch {
      continue; // reported by headerDrift
    }
    const calls = [
      ...new Set(at.filter(([l]) => l >= file.firstLine && l <= file.lastLine).map(([, a]) => a)),
    ];
    const missing = calls.filter((a) => !declared.includes(a));
    if (missing.length > 0)
      problems.push(
        `Step '${step}': ${file.path} calls ${missing.join(', ')} but its own '# iam:' header omits them`,
      );
    const unused = declared.filter((a) => !calls.includes(a) && operations[a] !== false);
    if (unused.length > 0)
      problems.push(
        `Step '${step}': ${file.path} declares ${unused.join(', ')} in '# iam:' but never calls them itself`,
      );
  }
  return problems;
}
