// One-line hints for the errors a user can fix from the command line: no or expired credentials,
// an unreachable endpoint. Matched on the SDK's error names and codes, and on the text they leave
// in a message (a scan records failures as annotations, not as error objects).

const CREDENTIALS_MISSING = [
  'CredentialsProviderError',
  'Could not load credentials',
  'Could not resolve credentials',
];
const CREDENTIALS_REJECTED = [
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'security token included in the request is invalid',
];
const UNREACHABLE = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'getaddrinfo',
];

/** The name, code and message of an error (or the text itself), to match hints against. */
function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  const e = error as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return String(error);
  const cause = e.cause && e.cause !== error ? ` ${errorText(e.cause)}` : '';
  return `${String(e.name ?? '')} ${String(e.code ?? '')} ${String(e.message ?? '')}${cause}`;
}

const has = (text: string, needles: readonly string[]): boolean => {
  const lower = text.toLowerCase();
  return needles.some((n) => lower.includes(n.toLowerCase()));
};

/**
 * A one-line hint for a credential or network failure (an error, or the message it left), or
 * undefined when it is neither.
 */
export function errorHint(error: unknown): string | undefined {
  const text = errorText(error);
  const expired =
    has(text, ['TokenProviderError', 'ExpiredToken']) ||
    (has(text, ['expired']) && has(text, ['token', 'sso', 'credential']));
  if (expired)
    return 'Hint: the credentials have expired: run `aws sso login --profile <P>` (SSO) or refresh them, then retry.';
  if (has(text, CREDENTIALS_MISSING))
    return (
      'Hint: no AWS credentials found: pass --profile <P> (or set AWS_PROFILE), run `aws sso login --profile <P>` ' +
      'for an SSO profile, or use --endpoint http://127.0.0.1:<port> for the local emulator (npm run emulator).'
    );
  if (has(text, CREDENTIALS_REJECTED))
    return 'Hint: AWS rejected the credentials: check the profile (--profile, AWS_PROFILE) and its keys, or run `aws sso login --profile <P>`.';
  if (has(text, UNREACHABLE))
    return (
      'Hint: the AWS endpoint cannot be reached: check --endpoint (is the emulator running? npm run emulator), ' +
      'the network and the proxy.'
    );
  return undefined;
}
