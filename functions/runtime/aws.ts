/** Settings every SDK v3 client of one context shares. */
export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  profile?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  maxAttempts: number;
  retryMode: 'adaptive' | 'standard';
  forcePathStyle?: boolean;
  /** Socket limits of every request (SDK v3 NodeHttpHandler options). */
  requestHandler?: HttpTimeouts;
}

/**
 * How long one HTTP attempt may take. Without limits an endpoint that accepts a connection and
 * never answers hangs a call for as long as the socket lives; with them the attempt fails with a
 * TimeoutError, which the SDK retries (up to `maxAttempts`), then raises.
 */
export interface HttpTimeouts {
  /** Milliseconds to establish the TCP (and TLS) connection. */
  connectionTimeout: number;
  /** Milliseconds from sending the request to the response headers. */
  requestTimeout: number;
  /** Milliseconds a socket may stay idle while the response body streams. */
  socketTimeout: number;
  /** Turn a passed requestTimeout into an error (the SDK only warns by default). */
  throwOnRequestTimeout: true;
}

/**
 * Defaults chosen so one call's worst case, 5 attempts x (2 s + 5 s) plus back-off, stays under
 * the shortest function timeout in infra/ (the notifier's 30 s; rule functions get 300 s). AWS
 * APIs answer in well under a second; a slow answer is retried.
 */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 2_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
/** Environment overrides (milliseconds), for slow networks or quick tests. */
export const CONNECTION_TIMEOUT_ENV = 'GLUE_GUARDRAILS_CONNECTION_TIMEOUT_MS';
export const REQUEST_TIMEOUT_ENV = 'GLUE_GUARDRAILS_REQUEST_TIMEOUT_MS';

/** The timeouts from the environment, or the defaults; a malformed value is an error naming it. */
export function httpTimeouts(env: NodeJS.ProcessEnv = process.env): HttpTimeouts {
  const read = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > 900_000) {
      throw new Error(`${name} must be a whole number of milliseconds between 1 and 900000, got '${raw}'`);
    }
    return Number(raw);
  };
  const requestTimeout = read(REQUEST_TIMEOUT_ENV, DEFAULT_REQUEST_TIMEOUT_MS);
  return {
    connectionTimeout: read(CONNECTION_TIMEOUT_ENV, DEFAULT_CONNECTION_TIMEOUT_MS),
    requestTimeout,
    socketTimeout: requestTimeout,
    throwOnRequestTimeout: true,
  };
}

/**
 * Where a rule's AWS calls go, and the clients made for it. One context lives per Lambda
 * container (clients are created once and reused across invocations); the CLI and tests make
 * their own, pointed at an account or the emulator.
 */
export interface AwsContext {
  readonly config: AwsClientConfig;
  /** The client of this class for this context, created on first use. */
  client<T>(ctor: new (config: AwsClientConfig) => T): T;
}

/**
 * Creates a context. Region and endpoint default to the environment (`AWS_REGION`,
 * `AWS_ENDPOINT_URL`), retries are adaptive, and every attempt has connection and request
 * timeouts (`httpTimeouts`).
 *
 * @example
 * const aws = createAwsContext({ region: 'eu-west-1' });
 * const glue = aws.client(GlueClient);
 */
export function createAwsContext(overrides: Partial<AwsClientConfig> = {}): AwsContext {
  const region = overrides.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('No AWS region: set AWS_REGION or pass --region');
  const config: AwsClientConfig = {
    maxAttempts: 5,
    retryMode: 'adaptive',
    requestHandler: httpTimeouts(),
    ...overrides,
    region,
  };
  const endpoint = overrides.endpoint ?? process.env.AWS_ENDPOINT_URL;
  if (endpoint) {
    config.endpoint = endpoint;
    // Emulators and private endpoints serve S3 on one host name: path-style addressing.
    config.forcePathStyle = true;
  }
  for (const key of Object.keys(config) as Array<keyof AwsClientConfig>) {
    if (config[key] === undefined) delete config[key];
  }
  const clients = new Map<unknown, unknown>();
  return {
    config,
    client<T>(ctor: new (c: AwsClientConfig) => T): T {
      let c = clients.get(ctor) as T | undefined;
      if (!c) {
        c = new ctor({ ...config });
        clients.set(ctor, c);
      }
      return c;
    },
  };
}
