import { beforeEach, inject } from 'vitest';

export interface EmulatorClientConfig {
  region: string;
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
  maxAttempts: number;
}

export interface EmulatorHandle {
  readonly endpoint: string;
  readonly region: 'us-east-1';
  readonly accountId: '123456789012';
  /** Accepted by every SDK v3 client constructor. */
  readonly clientConfig: EmulatorClientConfig;
}

const region = 'us-east-1';
const accountId = '123456789012';

function endpointForThisWorker(): string {
  const endpoints = inject('emulatorEndpoints');
  if (!endpoints || endpoints.length === 0) {
    throw new Error('no emulator endpoints: run the tests through vitest.config.ts (globalSetup)');
  }
  const poolId = Number.parseInt(process.env.VITEST_POOL_ID ?? '', 10);
  const index = Number.isInteger(poolId) && poolId >= 1 ? (poolId - 1) % endpoints.length : 0;
  return endpoints[index] ?? endpoints[0]!;
}

/** Call at the top of a test file (or describe block): every test starts from an empty emulator. */
export function useEmulator(): EmulatorHandle {
  const endpoint = endpointForThisWorker();
  beforeEach(async () => {
    const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    if (!response.ok) throw new Error(`emulator reset failed: HTTP ${response.status}`);
  });
  return {
    endpoint,
    region,
    accountId,
    clientConfig: {
      region,
      endpoint,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      forcePathStyle: true,
      maxAttempts: 2,
    },
  };
}

/**
 * moto answers an action it does not implement with HTTP 500 and an HTML page, which SDK v3 reports
 * as a deserialisation failure rather than a typed AWS error. Name the gap instead.
 */
export function emulatorGap(action: string, err: unknown): Error {
  const error = err instanceof Error ? err : new Error(String(err));
  const meta = (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata;
  const response = (err as { $response?: { statusCode?: number; body?: unknown } } | null)?.$response;
  const status = meta?.httpStatusCode ?? response?.statusCode;
  const text = `${error.message} ${typeof response?.body === 'string' ? response.body : ''}`;
  const htmlBody = /<!doctype html|<html|Internal Server Error/i.test(text);
  if (status === 500 && (htmlBody || error.name === 'SyntaxError' || /deserializ/i.test(text))) {
    return new Error(`emulator gap: ${action}`, { cause: err });
  }
  return error;
}
