import type { AutomationDocument } from '../catalog/types';
import { referenceProblems } from '../runner/refs';
import { assertSupported } from '../runner/schema';
import {
  everyPathReaches,
  failureSuccessors,
  isChange,
  isPublish,
  isVerification,
  successSuccessors,
  unreachableSteps,
} from './graph';

const isWordChar = (c: string | undefined): boolean => c !== undefined && /^\w$/.test(c);

/** Whether `text` holds `word` as a whole word (what `\bword\b` meant, with no pattern built from a name). */
function namesWord(text: string, word: string): boolean {
  if (word === '') return false;
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
    const before = text[i - 1];
    const after = text[i + word.length];
    const edgeBefore = isWordChar(before) !== isWordChar(word[0]);
    const edgeAfter = isWordChar(after) !== isWordChar(word[word.length - 1]);
    if (edgeBefore && edgeAfter) return true;
  }
  return false;
}

/** Document shape: what SSM and our conventions (ASR style) require. */
export function structureProblems(name: string, doc: AutomationDocument): string[] {
  const problems: string[] = [];
  try {
    assertSupported(doc, name);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (doc.schemaVersion !== '0.3') problems.push(`schemaVersion must be the string '0.3'`);
  if (doc.assumeRole !== '{{ AutomationAssumeRole }}')
    problems.push(`assumeRole must be '{{ AutomationAssumeRole }}'`);
  const firstLine = (doc.description ?? '').split('\n').find((l) => l.trim() !== '') ?? '';
  if (!/^#{1,6}\s/.test(firstLine) || !namesWord(firstLine, name)) {
    problems.push(`description must start with a Markdown heading naming '${name}', got '${firstLine}'`);
  }
  const params = doc.parameters ?? {};
  if (params.AutomationAssumeRole?.type !== 'String')
    problems.push('AutomationAssumeRole String parameter is missing');
  for (const [pname, spec] of Object.entries(params)) {
    if (spec.type === 'String' && spec.allowedPattern === undefined) {
      problems.push(`String parameter '${pname}' has no allowedPattern`);
    }
    if (!spec.description) problems.push(`Parameter '${pname}' has no description`);
  }
  if (!doc.outputs || doc.outputs.length === 0) problems.push('the document declares no outputs');
  return problems;
}

/** Every `{{ }}` names a parameter, an output of an EARLIER step, or a system variable. */
export function referenceFindings(doc: AutomationDocument): string[] {
  return Array.isArray(doc.mainSteps) ? referenceProblems(doc, true) : ['no mainSteps'];
}

/**
 * The flow: no unreachable step; every change is followed by a verification on every success
 * path; every way the execution can end (success or failure) is a step that publishes to SNS.
 */
export function flowProblems(doc: AutomationDocument): string[] {
  if (!Array.isArray(doc.mainSteps)) return ['no mainSteps'];
  const problems: string[] = [];
  const steps = doc.mainSteps;
  const indexOf = new Map(steps.map((s, i) => [s.name, i]));
  for (const s of unreachableSteps(doc)) problems.push(`Step '${s}' is unreachable`);
  steps.forEach((step, i) => {
    if (isChange(step) && !everyPathReaches(doc, i, isVerification)) {
      problems.push(`Change step '${step.name}' is not followed by a verification step on every path`);
    }
    if (successSuccessors(doc, i).length === 0 && !isPublish(step)) {
      problems.push(`Step '${step.name}' ends the execution without publishing to SNS`);
    }
    if (isPublish(step)) return;
    const onFailure = failureSuccessors(doc, i);
    if (onFailure.length === 0) {
      problems.push(
        `Step '${step.name}' aborts on failure without publishing (onFailure: step:<publish step>)`,
      );
      return;
    }
    const j = indexOf.get(onFailure[0]!);
    if (j !== undefined && !isPublish(steps[j]!) && !everyPathReaches(doc, j, isPublish)) {
      problems.push(`Step '${step.name}': its failure path does not reach an SNS publish step`);
    }
  });
  return problems;
}
