import { scriptPermissions } from '../catalog/permissions';
import type { AutomationDocument, AutomationStep } from '../catalog/types';
import { targetStep } from '../runner/schema';

const READ_API = /^(Get|List|Describe|BatchGet|Search|Lookup|Head)/;
/** Actions that change nothing a remediation is about (reading, decrypting, notifying). */
const NOT_A_CHANGE = /^(sns:Publish|kms:(Decrypt|GenerateDataKey\w*|DescribeKey)|iam:PassRole|sts:\w+)$/;

/** Whether a step publishes to SNS (an sns Publish call, or a script that declares sns:Publish). */
export function isPublish(step: AutomationStep): boolean {
  const i = step.inputs ?? {};
  if (step.action === 'aws:executeAwsApi')
    return String(i.Service).toLowerCase() === 'sns' && i.Api === 'Publish';
  return step.action === 'aws:executeScript' && safePermissions(step).includes('sns:Publish');
}

/** Whether a step changes a resource (a non-read API call, or a script declaring a non-read action). */
export function isChange(step: AutomationStep): boolean {
  const i = step.inputs ?? {};
  if (step.action === 'aws:executeAwsApi') {
    const action = `${String(i.Service).toLowerCase()}:${String(i.Api)}`;
    return !READ_API.test(String(i.Api)) && !NOT_A_CHANGE.test(action);
  }
  // A Verify* script may share a file (and its # iam: header) with the handler that writes.
  if (step.action !== 'aws:executeScript' || isVerification(step)) return false;
  return safePermissions(step).some((a) => !READ_API.test(a.split(':')[1] ?? '') && !NOT_A_CHANGE.test(a));
}

/** Whether a step verifies the outcome (an assertion, a wait, or a script step named Verify*). */
export function isVerification(step: AutomationStep): boolean {
  return (
    step.action === 'aws:assertAwsResourceProperty' ||
    step.action === 'aws:waitForAwsResourceProperty' ||
    (step.action === 'aws:executeScript' && step.name.startsWith('Verify'))
  );
}

function safePermissions(step: AutomationStep): string[] {
  try {
    return scriptPermissions(String(step.inputs?.Script ?? ''));
  } catch {
    return [];
  }
}

function choiceTargets(choices: unknown): string[] {
  if (!Array.isArray(choices)) return [];
  return choices.flatMap((c) => (c && typeof c === 'object' && 'NextStep' in c ? [String(c.NextStep)] : []));
}

/** The steps a step can go to when it succeeds ([] = the execution ends). */
export function successSuccessors(doc: AutomationDocument, index: number): string[] {
  const step = doc.mainSteps[index]!;
  const following = doc.mainSteps[index + 1]?.name;
  if (step.isEnd) return [];
  if (step.action === 'aws:branch') {
    const fallback = step.inputs?.Default !== undefined ? String(step.inputs.Default) : following;
    return [...new Set([...choiceTargets(step.inputs?.Choices), ...(fallback ? [fallback] : [])])];
  }
  const next = step.nextStep ?? following;
  return next ? [next] : [];
}

/** Where a failed step goes ([] = the execution ends: Abort). */
export function failureSuccessors(doc: AutomationDocument, index: number): string[] {
  const step = doc.mainSteps[index]!;
  const onFailure = step.onFailure ?? 'Abort';
  if (onFailure === 'Abort') return [];
  if (onFailure === 'Continue') {
    const next = step.nextStep ?? doc.mainSteps[index + 1]?.name;
    return next ? [next] : [];
  }
  const target = targetStep(onFailure);
  return target ? [target] : [];
}

/** Steps no path from the first step reaches. */
export function unreachableSteps(doc: AutomationDocument): string[] {
  const indexOf = new Map(doc.mainSteps.map((s, i) => [s.name, i]));
  const seen = new Set<number>();
  const queue = [0];
  while (queue.length > 0) {
    const i = queue.pop()!;
    if (seen.has(i) || i >= doc.mainSteps.length) continue;
    seen.add(i);
    for (const n of [...successSuccessors(doc, i), ...failureSuccessors(doc, i)]) {
      const j = indexOf.get(n);
      if (j !== undefined) queue.push(j);
    }
  }
  return doc.mainSteps.filter((_, i) => !seen.has(i)).map((s) => s.name);
}

/** Whether every success path from `start` meets a step satisfying `goal` before the execution ends. */
export function everyPathReaches(
  doc: AutomationDocument,
  start: number,
  goal: (s: AutomationStep) => boolean,
): boolean {
  const indexOf = new Map(doc.mainSteps.map((s, i) => [s.name, i]));
  const visiting = new Set<number>();
  const walk = (i: number): boolean => {
    if (visiting.has(i)) return true; // a loop returns to a path already being checked
    visiting.add(i);
    const next = successSuccessors(doc, i);
    if (next.length === 0) return false;
    return next.every((n) => {
      const j = indexOf.get(n);
      return j !== undefined && (goal(doc.mainSteps[j]!) || walk(j));
    });
  };
  return walk(start);
}
