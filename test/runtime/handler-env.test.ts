import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeJobRule } from '../../bench/support/fake-rules';
import { createAwsContext } from '../../functions/runtime/aws';
import { EVALUATION_MAX_AGE_ENV } from '../../functions/runtime/evaluations';
import { TIME_RESERVE_ENV, toHandler } from '../../functions/runtime/handler';
import { scheduledEvent } from '../support/config-events';

// Nothing listens here: these invocations must fail on the malformed setting before any AWS call.
const aws = createAwsContext({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
const logger = new Logger({ logLevel: 'SILENT' });
const lambdaContext = { getRemainingTimeInMillis: () => 300_000 };
const saved = { reserve: process.env[TIME_RESERVE_ENV], maxAge: process.env[EVALUATION_MAX_AGE_ENV] };

afterEach(() => {
  for (const [key, value] of [
    [TIME_RESERVE_ENV, saved.reserve],
    [EVALUATION_MAX_AGE_ENV, saved.maxAge],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('Handler settings from the environment', () => {
  it.each(['soon', '-5', '1.5'])('refuses a time reserve of %j, naming the variable', async (raw) => {
    // Prepare
    process.env[TIME_RESERVE_ENV] = raw;
    const handler = toHandler(fakeJobRule([{ Name: 'a', Good: true }]), { aws, logger });
    // Act / Assess
    await expect(handler(scheduledEvent(), lambdaContext)).rejects.toThrow(
      new Error(`GLUE_GUARDRAILS_TIME_RESERVE_MS must be a whole number of milliseconds, got '${raw}'`),
    );
  });

  it.each(['a week', '-1', '100000'])(
    'refuses an evaluation max age of %j hours, naming the variable',
    async (raw) => {
      // Prepare
      process.env[EVALUATION_MAX_AGE_ENV] = raw;
      const handler = toHandler(fakeJobRule([{ Name: 'a', Good: true }]), { aws, logger });
      // Act / Assess
      await expect(handler(scheduledEvent())).rejects.toThrow(
        new Error(`GLUE_GUARDRAILS_EVALUATION_MAX_AGE_HOURS must be a whole number of hours, got '${raw}'`),
      );
    },
  );
});
