import { Logger } from '@aws-lambda-powertools/logger';
import { mintResultToken, readStoredEvaluations, type StoredEvaluation } from '../../emulator/config-service';
import type { AwsClientConfig } from '../../functions/runtime/aws';
import { toHandler } from '../../functions/runtime/handler';
import type { AnyRule } from '../../functions/runtime/rule';
import type { EmulatorHandle } from '../emulator/context';
import { emulatorAws } from './aws';
import { type RecordedCall, recordCalls } from './call-recorder';
import { scheduledEvent } from './config-events';

/**
 * Runs a rule's real handler on a scheduled notification against the emulator, as AWS Config
 * would, and reads back what reached the Config API. `record` lists the clients whose calls to
 * capture (to prove one listing per sweep, or that passwords were never asked for).
 */
export async function sweepRule(
  emulator: EmulatorHandle,
  rule: AnyRule,
  options: {
    ruleParameters?: Record<string, string>;
    record?: ReadonlyArray<new (config: AwsClientConfig) => unknown>;
  } = {},
): Promise<{ calls: RecordedCall[]; stored: StoredEvaluation[] }> {
  const aws = emulatorAws(emulator);
  const calls: RecordedCall[] = [];
  for (const client of options.record ?? []) recordCalls(aws, client, calls);
  await toHandler(rule, { aws, logger: new Logger({ logLevel: 'SILENT' }) })(
    scheduledEvent({
      configRuleName: rule.id,
      resultToken: mintResultToken(rule.id),
      ruleParameters: options.ruleParameters,
    }),
  );
  return { calls, stored: await readStoredEvaluations(emulator.endpoint, rule.id) };
}
