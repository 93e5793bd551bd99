import type { AutomationDocument } from '../catalog/types';
import { references, SYSTEM_VARIABLES } from './interpolate';

/** Output names a step defines: its declared outputs, plus OutputPayload for scripts. */
export function stepOutputNames(step: AutomationDocument['mainSteps'][number]): string[] {
  const names = (step.outputs ?? []).map((o) => o.Name);
  return step.action === 'aws:executeScript' ? [...names, 'OutputPayload'] : names;
}

/**
 * Problems with the document's `{{ }}` references and declared outputs: each must name a
 * parameter, a system variable or an output of a step (with `earlierOnly`, a step listed before
 * the one that uses it).
 */
export function referenceProblems(doc: AutomationDocument, earlierOnly: boolean): string[] {
  const problems: string[] = [];
  const params = new Set(Object.keys(doc.parameters ?? {}));
  const allOutputs = new Map(doc.mainSteps.map((s) => [s.name, new Set(stepOutputNames(s))]));
  const seen = new Map<string, Set<string>>();
  const check = (ref: string, where: string, available: Map<string, Set<string>>): void => {
    if ((SYSTEM_VARIABLES as readonly string[]).includes(ref)) return;
    if (ref.startsWith('global:') || ref.startsWith('automation:')) {
      problems.push(`${where}: unsupported variable '{{ ${ref} }}'`);
      return;
    }
    const dot = ref.indexOf('.');
    if (dot < 0) {
      if (!params.has(ref)) problems.push(`${where}: '{{ ${ref} }}' names no parameter`);
      return;
    }
    const [stepName, output] = [ref.slice(0, dot), ref.slice(dot + 1)];
    if (!available.get(stepName)?.has(output)) {
      const scope = earlierOnly ? 'an earlier step' : 'a step';
      problems.push(`${where}: '{{ ${ref} }}' names no output of ${scope}`);
    }
  };
  for (const step of doc.mainSteps) {
    const available = earlierOnly ? seen : allOutputs;
    for (const ref of references(step.inputs ?? {})) check(ref, `Step '${step.name}'`, available);
    seen.set(step.name, new Set(stepOutputNames(step)));
  }
  for (const out of doc.outputs ?? []) {
    const dot = out.indexOf('.');
    if (dot < 0 || !allOutputs.get(out.slice(0, dot))?.has(out.slice(dot + 1))) {
      problems.push(`Document output '${out}' names no step output`);
    }
  }
  return problems;
}
