// What `remediate` adds around the local runner: a document that publishes nothing when no topic
// is given, the plan of a dry run (field, before, after, from the document's own script run with
// reads only), one clear failure reason, and the confirmation prompt.
import { createInterface } from 'node:readline/promises';
import type { AutomationDocument, AutomationStep } from '../remediation/catalog/types';
import { acquireBridge, type BridgeTarget, releaseBridge } from '../remediation/runner/python';
import type { AutomationExecution } from '../remediation/runner/types';

export const TOPIC = 'NotificationTopicArn';
const TOPIC_REF = /\{\{\s*NotificationTopicArn\s*\}\}/;

/**
 * The failing end of publish_and_fail.py without the publication: the run still ends Failed with
 * the same summary of what changed and what failed.
 */
const FAIL_WITHOUT_PUBLISHING = `import json


def handler(events, context):
    body = json.loads(events['Message'])
    failed = '; '.join(item['error'] for item in body.get('failures') or [])
    changed = len(body.get('changes') or [])
    raise RuntimeError(f'Remediation ended {events["Outcome"]} ({changed} changed): {failed}')
`;

const mentionsTopic = (value: unknown): boolean => TOPIC_REF.test(JSON.stringify(value ?? null));

/**
 * A copy of the document that publishes nothing: its SNS Publish steps become zero-second waits
 * (same place in the flow), a publish-then-fail script only fails, and NotificationTopicArn is no
 * longer a parameter. Throws when another step still needs the topic.
 */
export function withoutPublishing(doc: AutomationDocument, name: string): AutomationDocument {
  const copy = structuredClone(doc);
  if (copy.parameters) delete copy.parameters[TOPIC];
  copy.mainSteps = copy.mainSteps.map((step): AutomationStep => {
    const inputs = step.inputs ?? {};
    if (
      step.action === 'aws:executeAwsApi' &&
      String(inputs.Service).toLowerCase() === 'sns' &&
      inputs.Api === 'Publish'
    ) {
      const { outputs: _outputs, ...rest } = step;
      return {
        ...rest,
        action: 'aws:sleep',
        description: 'Not published: the local run was given no NotificationTopicArn',
        inputs: { Duration: 'PT0S' },
      };
    }
    const payload = inputs.InputPayload as Record<string, unknown> | undefined;
    if (step.action === 'aws:executeScript' && payload && mentionsTopic(payload.TopicArn)) {
      const { TopicArn: _topic, ...kept } = payload;
      return { ...step, inputs: { ...inputs, Script: FAIL_WITHOUT_PUBLISHING, InputPayload: kept } };
    }
    return step;
  });
  const needing = copy.mainSteps.filter((s) => mentionsTopic(s));
  if (needing.length > 0)
    throw new Error(
      `Document '${name}' needs ${TOPIC} in step(s) ${needing.map((s) => s.name).join(', ')}: pass --param ${TOPIC}=ARN`,
    );
  return copy;
}

/** One field the remediation changes on a resource. */
export interface PlannedChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** What a dry run found the remediation would do to one resource. */
export interface RemediationPlan {
  /** The changes, as the document's Remediate step computes them; [] = nothing to change. */
  changes: PlannedChange[];
  /** The outcome the step would report (REMEDIATED, NO_CHANGE, ...), when it says. */
  outcome?: string;
  /** Calls the step would have made that change something (not sent). */
  withheld: string[];
  /** Why no plan could be made (the step failed, or needs another step first). */
  problem?: string;
}

/**
 * Runs the first script step of a dry run's execution for real, with every call that is not a read
 * answered empty and not sent: the script reads the resource and returns the changes it would make.
 */
export async function planExecution(
  doc: AutomationDocument,
  execution: AutomationExecution,
  target: BridgeTarget,
): Promise<RemediationPlan> {
  const call = execution.DryRunCalls?.find((c) => c.service === 'aws:executeScript');
  const step = doc.mainSteps.find((s) => s.name === call?.step);
  const script = step?.inputs.Script;
  if (!call || typeof script !== 'string')
    return { changes: [], withheld: [], problem: 'the document has no script step to plan from' };
  const payload = call.parameters.InputPayload;
  if (JSON.stringify(payload ?? null).includes('{{'))
    return { changes: [], withheld: [], problem: `step ${call.step} needs the output of an earlier step` };
  const bridge = acquireBridge(target);
  try {
    const res = await bridge.call(
      { op: 'script', script, handler: call.api, payload, context: {}, readOnly: true },
      120_000,
    );
    const withheld = res.skipped ?? [];
    if (!res.ok) return { changes: [], withheld, problem: cleanReason(res.error ?? 'the step failed') };
    const result = (res.result ?? {}) as { Changes?: unknown; Outcome?: unknown };
    const raw = typeof result.Changes === 'string' ? (JSON.parse(result.Changes) as unknown) : result.Changes;
    const changes = Array.isArray(raw) ? (raw as PlannedChange[]) : [];
    const plan: RemediationPlan = { changes, withheld };
    if (typeof result.Outcome === 'string') plan.outcome = result.Outcome;
    return plan;
  } finally {
    releaseBridge(target, bridge);
  }
}

const shown = (value: unknown): string =>
  value === undefined || value === null
    ? '(none)'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

/** The plan as lines: `field: before -> after`, or why there is none. */
export function formatPlan(plan: RemediationPlan): string[] {
  if (plan.problem) return [`  cannot tell what would change: ${plan.problem}`];
  if (plan.changes.length === 0) return ['  nothing would change'];
  const lines = plan.changes.map((c) => `  ${c.field}: ${shown(c.before)} -> ${shown(c.after)}`);
  if (plan.withheld.length > 0) lines.push(`  calls withheld: ${[...new Set(plan.withheld)].join(', ')}`);
  return lines;
}

/**
 * One reason for a failed execution: the first failed step's message without the runner's
 * "<handler> raised <Error>:" prefix, the script line and any traceback.
 */
export function failureReason(execution: AutomationExecution): string {
  const step = execution.StepExecutions.find((s) => s.StepStatus !== 'Success' && s.FailureMessage);
  const message = step?.FailureMessage ?? execution.FailureMessage ?? execution.AutomationExecutionStatus;
  return step ? `${step.StepName}: ${cleanReason(message)}` : cleanReason(message);
}

/** A failure message without the Python exception class, the script line and a traceback. */
export function cleanReason(message: string): string {
  let text = message.split('Traceback (most recent call last)')[0] ?? message;
  text = text.replace(/^Step '[^']*' failed: /, '');
  text = text.replace(/^\w+ raised /, '');
  text = text.replace(/^\w*(?:Error|Exception): /, '');
  text = text.replace(/ \(script line \d+\)$/, '');
  return text.trim();
}

/** Asks on a terminal whether to go on; undefined when `input` is not a terminal (no prompt). */
export function terminalConfirm(
  input: NodeJS.ReadableStream & { isTTY?: boolean },
  output: NodeJS.WritableStream,
): ((question: string) => Promise<boolean>) | undefined {
  if (!input.isTTY) return undefined;
  return async (question) => {
    const rl = createInterface({ input, output, terminal: false });
    try {
      const answer = await rl.question(`${question} [y/N] `);
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      rl.close();
    }
  };
}
