import { describe, expect, it } from 'vitest';
import { redactConnection } from '../../functions/lookups/glue';
import { createAwsContext } from '../../functions/runtime/aws';
import { MissingPermissionError } from '../../functions/runtime/errors';
import { bindLookups, defineLookup } from '../../functions/runtime/lookup';

const aws = createAwsContext({ region: 'us-east-1' });

describe('bindLookups', () => {
  it('memoises by arguments, so a sweep lists a dependency once', async () => {
    // Prepare
    let calls = 0;
    const list = defineLookup('list', ['glue:GetThings'], async (_aws, prefix: string) => {
      calls++;
      return [`${prefix}-1`];
    });
    const bound = bindLookups({ list }, aws);
    // Act
    const results = await Promise.all([bound.list('a'), bound.list('a'), bound.list('b')]);
    await bound.list('a');
    // Assess
    expect(results).toEqual([['a-1'], ['a-1'], ['b-1']]);
    expect(calls).toBe(2);
  });

  it('turns access-denied errors into an error naming the missing IAM actions', async () => {
    // Prepare
    const denied = Object.assign(new Error('User is not authorized to perform glue:GetJobs'), {
      name: 'AccessDeniedException',
    });
    const jobs = defineLookup('jobs', ['glue:GetJobs'], async () => {
      throw denied;
    });
    // Act
    const act = bindLookups({ jobs }, aws).jobs();
    // Assess
    await expect(act).rejects.toBeInstanceOf(MissingPermissionError);
    await expect(act).rejects.toThrow("the rule's role is missing glue:GetJobs");
  });

  it('passes other errors through unchanged', async () => {
    // Prepare
    const boom = new Error('throttled');
    const jobs = defineLookup('jobs', ['glue:GetJobs'], async () => {
      throw boom;
    });
    // Act / Assess
    await expect(bindLookups({ jobs }, aws).jobs()).rejects.toBe(boom);
  });
});

describe('redactConnection', () => {
  it('strips credentials from every property map of a connection, keeping references', () => {
    // Prepare
    const connection = {
      Name: 'core-banking',
      ConnectionType: 'POSTGRESQL' as const,
      ConnectionProperties: { HOST: 'db.internal', USERNAME: 'etl', PASSWORD: 'p1', SECRET_ID: 'dw/etl' },
      SparkProperties: { password: 'p2', secretId: 'dw/etl' },
      AthenaProperties: { CLIENT_SECRET: 'p3', region: 'us-east-1' },
      PythonProperties: { KAFKA_SASL_SCRAM_PASSWORD: 'p4' },
    };
    // Act
    const redacted = redactConnection(connection);
    // Assess
    expect(JSON.stringify(redacted)).not.toMatch(/p[1-4]"/);
    expect(redacted.ConnectionProperties).toEqual({
      HOST: 'db.internal',
      USERNAME: 'etl',
      SECRET_ID: 'dw/etl',
    });
    expect(redacted.SparkProperties).toEqual({ secretId: 'dw/etl' });
    expect(redacted.AthenaProperties).toEqual({ region: 'us-east-1' });
  });
});
