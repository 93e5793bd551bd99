// Issue 11: pins the timeout settings read from the environment and the client configuration of
// functions/runtime/aws.ts (Stryker survivors of the runtime slice).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAwsContext, httpTimeouts } from '../../functions/runtime/aws';

const REQUEST = 'GLUE_GUARDRAILS_REQUEST_TIMEOUT_MS';
const CONNECTION = 'GLUE_GUARDRAILS_CONNECTION_TIMEOUT_MS';

describe('httpTimeouts', () => {
  it('uses the defaults when nothing or blank text is set', () => {
    const defaults = {
      connectionTimeout: 2000,
      requestTimeout: 5000,
      socketTimeout: 5000,
      throwOnRequestTimeout: true,
    };
    expect(httpTimeouts({})).toEqual(defaults);
    expect(httpTimeouts({ [REQUEST]: '  ', [CONNECTION]: '' })).toEqual(defaults);
  });
  it('reads both settings; the socket timeout follows the request timeout', () => {
    expect(httpTimeouts({ [REQUEST]: '7000', [CONNECTION]: ' 300 ' })).toEqual({
      connectionTimeout: 300,
      requestTimeout: 7000,
      socketTimeout: 7000,
      throwOnRequestTimeout: true,
    });
  });
  it('accepts 1 and 900000 milliseconds', () => {
    expect(httpTimeouts({ [REQUEST]: '1' }).requestTimeout).toBe(1);
    expect(httpTimeouts({ [REQUEST]: '900000' }).requestTimeout).toBe(900000);
    expect(httpTimeouts({ [REQUEST]: '25' }).requestTimeout).toBe(25);
  });
  it.each(['0', '900001', '12ms', 'ms12', '-5', '1.5', 'abc'])('rejects %j naming the setting', (raw) => {
    expect(() => httpTimeouts({ [CONNECTION]: raw })).toThrow(
      `GLUE_GUARDRAILS_CONNECTION_TIMEOUT_MS must be a whole number of milliseconds between 1 and 900000, got '${raw}'`,
    );
  });
});

describe('createAwsContext', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  it('retries adaptively with the timeouts and no endpoint of its own', () => {
    vi.stubEnv('AWS_ENDPOINT_URL', undefined);
    const aws = createAwsContext({ region: 'eu-west-1' });
    expect(aws.config).toEqual({
      maxAttempts: 5,
      retryMode: 'adaptive',
      requestHandler: {
        connectionTimeout: 2000,
        requestTimeout: 5000,
        socketTimeout: 5000,
        throwOnRequestTimeout: true,
      },
      region: 'eu-west-1',
    });
  });
  it('sends everything to an endpoint given by the environment, path-style', () => {
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://localhost:5999');
    const aws = createAwsContext({ region: 'eu-west-1' });
    expect(aws.config).toMatchObject({ endpoint: 'http://localhost:5999', forcePathStyle: true });
  });
  it('prefers an endpoint passed in over the environment', () => {
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://localhost:5999');
    const aws = createAwsContext({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:6000' });
    expect(aws.config).toMatchObject({ endpoint: 'http://127.0.0.1:6000', forcePathStyle: true });
  });
});
