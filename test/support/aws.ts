import { type AwsContext, createAwsContext, httpTimeouts } from '../../functions/runtime/aws';
import type { EmulatorHandle } from '../emulator/context';

/** An AwsContext pointed at this worker's emulator (what the handler gets in place of Lambda's). */
export function emulatorAws(emulator: EmulatorHandle): AwsContext {
  return createAwsContext({
    region: emulator.region,
    endpoint: emulator.endpoint,
    credentials: emulator.clientConfig.credentials,
    maxAttempts: 2,
    // A loaded test machine can make the emulator slow; a retried non-idempotent call (CreateJob)
    // would then fail on its own first attempt. Production defaults are tested on their own.
    requestHandler: { ...httpTimeouts(), requestTimeout: 60_000, socketTimeout: 60_000 },
  });
}
