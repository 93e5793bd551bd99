import { inspectionSteps, secretReason } from '../../functions/rules/lib/secrets';

/** The verdict of secretReason(key, value) and the inspection steps it charged. */
export function stepsOf(key: string, value: string): { reason: string | undefined; steps: number } {
  const before = inspectionSteps();
  const reason = secretReason(key, value);
  return { reason, steps: inspectionSteps() - before };
}
