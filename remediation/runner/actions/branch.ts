import { DocumentError } from '../../catalog/errors';
import { UnsupportedFeatureError } from '../errors';
import type { ActionContext, ActionResult } from './context';

type Choice = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const num = (v: unknown, op: string): number => {
  const n = typeof v === 'number' ? v : Number(v);
  if (typeof v === 'boolean' || Number.isNaN(n))
    throw new DocumentError(`${op}: '${str(v)}' is not a number`);
  return n;
};

/** The aws:branch operators (SSM Automation "aws:branch" reference). */
const OPERATORS: Record<string, (actual: unknown, expected: unknown) => boolean> = {
  StringEquals: (a, e) => str(a) === str(e),
  EqualsIgnoreCase: (a, e) => str(a).toLowerCase() === str(e).toLowerCase(),
  StartsWith: (a, e) => str(a).startsWith(str(e)),
  EndsWith: (a, e) => str(a).endsWith(str(e)),
  Contains: (a, e) => (Array.isArray(a) ? a.map(str).includes(str(e)) : str(a).includes(str(e))),
  NumericEquals: (a, e) => num(a, 'NumericEquals') === num(e, 'NumericEquals'),
  NumericGreater: (a, e) => num(a, 'NumericGreater') > num(e, 'NumericGreater'),
  NumericLesser: (a, e) => num(a, 'NumericLesser') < num(e, 'NumericLesser'),
  NumericGreaterOrEquals: (a, e) => num(a, 'NumericGreaterOrEquals') >= num(e, 'NumericGreaterOrEquals'),
  NumericLesserOrEquals: (a, e) => num(a, 'NumericLesserOrEquals') <= num(e, 'NumericLesserOrEquals'),
  BooleanEquals: (a, e) => String(a).toLowerCase() === String(e).toLowerCase(),
};

/** Thrown when a dry run cannot evaluate a choice (its variable depends on a step that did not run). */
class Unresolved extends Error {}

function evaluate(choice: Choice, dryRun: boolean): boolean {
  const keys = Object.keys(choice).filter((k) => k !== 'NextStep');
  if (Array.isArray(choice.And)) return choice.And.every((c) => evaluate(c as Choice, dryRun));
  if (Array.isArray(choice.Or)) return choice.Or.some((c) => evaluate(c as Choice, dryRun));
  if (choice.Not && typeof choice.Not === 'object') return !evaluate(choice.Not as Choice, dryRun);
  const op = keys.find((k) => k !== 'Variable');
  if (!op || !('Variable' in choice) || keys.length !== 2) {
    throw new DocumentError(`aws:branch choice needs a Variable and one operator: ${JSON.stringify(choice)}`);
  }
  const fn = OPERATORS[op];
  if (!fn) throw new UnsupportedFeatureError(`aws:branch operator '${op}' is not supported`);
  if (dryRun && typeof choice.Variable === 'string' && choice.Variable.includes('{{')) throw new Unresolved();
  return fn(choice.Variable, choice[op]);
}

/**
 * aws:branch: the first true choice's NextStep, else Default, else the next step in order.
 * A dry run that cannot evaluate a choice follows Default (the default path).
 */
export async function branch(ctx: ActionContext): Promise<ActionResult> {
  const choices = ctx.inputs.Choices;
  if (!Array.isArray(choices)) throw new DocumentError(`Step '${ctx.step.name}': Choices must be a list`);
  const fallback = typeof ctx.inputs.Default === 'string' ? ctx.inputs.Default : undefined;
  try {
    for (const choice of choices as Choice[]) {
      if (evaluate(choice, ctx.dryRun)) return { nextStep: String(choice.NextStep) };
    }
  } catch (error) {
    if (!(error instanceof Unresolved)) throw error;
    ctx.log(`dry run: ${ctx.step.name} depends on values not known without running; following Default`);
  }
  return fallback ? { nextStep: fallback } : {};
}
