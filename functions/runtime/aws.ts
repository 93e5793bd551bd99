/** Settings every SDK v3 client of one context shares. */
export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  profile?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  maxAttempts: number;
  retryMode: 'adaptive' | 'standard';
  forcePathStyle?: boolean;
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
 * `AWS_ENDPOINT_URL`), retries are adaptive.
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
