import type { AutomationDocument } from '../catalog/types';

/** Examples for one parameter's allowedPattern. */
export interface PatternExamples {
  valid: string[];
  invalid: string[];
}

/** test/remediation/validate/pattern-examples.json: document -> parameter -> examples. */
export type PatternExampleTable = Record<string, Record<string, PatternExamples>>;

/**
 * Every allowedPattern compiles as an ECMAScript regex, is anchored, accepts all its valid
 * examples and the parameter's default, and rejects all its invalid examples. Entries for
 * parameters without a pattern are stale and reported.
 */
export function patternProblems(name: string, doc: AutomationDocument, table: PatternExampleTable): string[] {
  const problems: string[] = [];
  const entries = table[name] ?? {};
  const params = doc.parameters ?? {};
  for (const [pname, spec] of Object.entries(params)) {
    if (spec.allowedPattern === undefined) continue;
    let re: RegExp;
    try {
      re = new RegExp(spec.allowedPattern);
    } catch (error) {
      problems.push(`${pname}: allowedPattern is not an ECMAScript regex: ${(error as Error).message}`);
      continue;
    }
    if (!spec.allowedPattern.startsWith('^') || !spec.allowedPattern.endsWith('$')) {
      problems.push(`${pname}: allowedPattern must be anchored with ^ and $`);
    }
    const examples = entries[pname];
    if (!examples?.valid?.length || !examples.invalid?.length) {
      problems.push(`${pname}: pattern-examples.json needs valid and invalid examples for ${name}.${pname}`);
      continue;
    }
    for (const v of examples.valid)
      if (!re.test(v)) problems.push(`${pname}: valid example '${v}' is rejected`);
    for (const v of examples.invalid)
      if (re.test(v)) problems.push(`${pname}: invalid example '${v}' is accepted`);
    const defaults =
      spec.default === undefined ? [] : Array.isArray(spec.default) ? spec.default : [spec.default];
    for (const d of defaults)
      if (!re.test(String(d))) problems.push(`${pname}: default '${String(d)}' is rejected`);
  }
  for (const pname of Object.keys(entries)) {
    if (params[pname]?.allowedPattern === undefined) {
      problems.push(
        `pattern-examples.json has a stale entry ${name}.${pname} (no such parameter with a pattern)`,
      );
    }
  }
  return problems;
}
