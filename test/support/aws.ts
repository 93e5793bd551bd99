import { type AwsContext, createAwsContext } from '../../functions/runtime/aws';
import type { EmulatorHandle } from '../emulator/context';

/** An AwsContext pointed at this worker's emulator (what the handler gets in place of Lambda's). */
export function emulatorAws(emulator: EmulatorHandle): AwsContext {
  return createAwsContext({
    region: emulator.region,
    endpoint: emulator.endpoint,
    credentials: emulator.clientConfig.credentials,
    maxAttempts: 2,
  });
}
