import { STSClient } from '@aws-sdk/client-sts';

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** What the CLI signs with when it talks to a local emulator and nothing is configured. */
export const DUMMY_CREDENTIALS: Readonly<StaticCredentials> = Object.freeze({
  accessKeyId: 'glue-guardrails-local',
  secretAccessKey: 'glue-guardrails-local',
});

/** True for an http(s) URL whose host is 127.0.0.0/8, localhost or [::1]. */
export function isLoopbackEndpoint(endpoint: string): boolean {
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
}

/**
 * Resolves the SDK's default credential chain (environment, shared files, SSO, process, container
 * and instance metadata), as every client would; rejects with CredentialsProviderError when no
 * provider has credentials. Instance metadata is skipped: no EC2 role is meaningful to a local
 * emulator, and probing for it costs a timeout off EC2.
 */
export async function resolveDefaultCredentials(region: string): Promise<unknown> {
  const key = 'AWS_EC2_METADATA_DISABLED';
  const before = process.env[key];
  process.env[key] = 'true';
  try {
    return await new STSClient({ region }).config.credentials();
  } finally {
    if (before === undefined) delete process.env[key];
    else process.env[key] = before;
  }
}

export interface LocalCredentialsOptions {
  endpoint?: string | undefined;
  profile?: string | undefined;
  region: string;
  /** The default chain (injectable for tests). */
  resolveDefault?: (region: string) => Promise<unknown>;
  /** Where the one-line notice goes (stderr by default). */
  notice?: (line: string) => void;
}

/**
 * Dummy credentials when the CLI targets a loopback endpoint (an emulator) and no credentials are
 * configured, with a one-line notice; undefined (use the default chain) otherwise. A named
 * --profile is never replaced: its errors are the user's to see.
 */
export async function localEndpointCredentials(
  options: LocalCredentialsOptions,
): Promise<StaticCredentials | undefined> {
  const { endpoint, profile, region } = options;
  if (!endpoint || profile || !isLoopbackEndpoint(endpoint)) return undefined;
  try {
    await (options.resolveDefault ?? resolveDefaultCredentials)(region);
    return undefined;
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name !== 'CredentialsProviderError') throw error;
  }
  (options.notice ?? ((line: string) => console.error(line)))(
    `No AWS credentials configured: using dummy credentials for the local endpoint ${endpoint}.`,
  );
  return { ...DUMMY_CREDENTIALS };
}
