import { loadDocument } from './documents';
import type { AutomationDocument } from './types';

/**
 * boto3 service names whose IAM prefix differs from the name (validation cross-checks the rest
 * against botocore's signing name).
 */
export const IAM_PREFIX_OVERRIDES: Record<string, string> = {
  cloudwatch: 'cloudwatch',
  stepfunctions: 'states',
  elbv2: 'elasticloadbalancing',
  elb: 'elasticloadbalancing',
  sesv2: 'ses',
  opensearch: 'es',
  'lex-models': 'lex',
  apigatewayv2: 'apigateway',
  kinesisanalyticsv2: 'kinesisanalytics',
  'iot-data': 'iot',
};

const API_ACTIONS = new Set([
  'aws:executeAwsApi',
  'aws:assertAwsResourceProperty',
  'aws:waitForAwsResourceProperty',
]);
const IAM_HEADER = /^#\s*iam(-indirect)?:\s*(.*)$/gm;
const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*]+$/;

/** The IAM prefix of a boto3 service name (`stepfunctions` -> `states`). */
export function iamPrefix(service: string): string {
  return IAM_PREFIX_OVERRIDES[service] ?? service;
}

/**
 * A script's declared actions: `# iam:` lines list the calls it makes (cross-checked against its
 * boto3 calls); `# iam-indirect:` lines list what a service uses with the caller's credentials on
 * its behalf (kms:Decrypt for encrypted connection passwords, iam:PassRole for UpdateJob).
 *
 * Every header line anywhere in the text counts: a resolved script (the script with the lib modules
 * it imports inlined) declares the union of its files' headers, each file listing the calls it
 * makes itself. Each
 * action is listed once, in order of first appearance.
 */
export function scriptPermissionsByKind(script: string): { direct: string[]; indirect: string[] } {
  const found = { direct: new Set<string>(), indirect: new Set<string>() };
  for (const m of script.matchAll(IAM_HEADER)) {
    for (const action of m[2]!.split(',').map((s) => s.trim())) {
      if (!action) continue;
      if (!ACTION.test(action))
        throw new Error(`Malformed '# iam:' entry '${action}' (expected service:Action)`);
      (m[1] ? found.indirect : found.direct).add(action);
    }
  }
  return { direct: [...found.direct], indirect: [...found.indirect] };
}

/** Every action a script declares (`# iam:` and `# iam-indirect:` lines). */
export function scriptPermissions(script: string): string[] {
  const { direct, indirect } = scriptPermissionsByKind(script);
  return [...direct, ...indirect];
}

/**
 * The IAM actions a document needs: `Service`+`Api` of every API step, plus what each
 * aws:executeScript declares in its `# iam:` header. Sorted, unique.
 *
 * @example
 * documentPermissions('EnforceGlueConnectionSsl') // ['glue:GetConnection', ..., 'sns:Publish']
 */
export function documentPermissions(doc: AutomationDocument | string): string[] {
  const document = typeof doc === 'string' ? loadDocument(doc) : doc;
  const actions = new Set<string>();
  for (const step of document.mainSteps) {
    const inputs = step.inputs ?? {};
    if (API_ACTIONS.has(step.action)) {
      actions.add(`${iamPrefix(String(inputs.Service).toLowerCase())}:${String(inputs.Api)}`);
    } else if (step.action === 'aws:executeScript' && typeof inputs.Script === 'string') {
      for (const a of scriptPermissions(inputs.Script)) actions.add(a);
    }
  }
  return [...actions].sort();
}
