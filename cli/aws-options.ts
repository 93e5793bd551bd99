import { type AwsContext, createAwsContext } from '../functions/runtime/aws';
import { localEndpointCredentials } from './credentials';
import { UsageError } from './errors';

// Kept apart from options.ts so that commands which never call AWS (conformance-pack, emulator)
// do not load the STS client the credential check needs.

/**
 * An AWS context from --region/--endpoint/--profile. With a loopback --endpoint and no credentials
 * configured, it signs with dummy credentials and says so on stderr (see credentials.ts).
 */
export async function awsFromOptions(values: {
  region?: string;
  endpoint?: string;
  profile?: string;
}): Promise<AwsContext> {
  if (values.endpoint && !/^https?:\/\/[^\s]+$/.test(values.endpoint)) {
    throw new UsageError(`--endpoint must be an http(s) URL, got '${values.endpoint}'`);
  }
  const overrides: Parameters<typeof createAwsContext>[0] = {};
  if (values.region) overrides.region = values.region;
  if (values.endpoint) overrides.endpoint = values.endpoint;
  if (values.profile) overrides.profile = values.profile;
  let aws: AwsContext;
  try {
    aws = createAwsContext(overrides);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const dummy = await localEndpointCredentials({
    endpoint: aws.config.endpoint,
    profile: aws.config.profile,
    region: aws.config.region,
  });
  return dummy ? createAwsContext({ ...overrides, credentials: dummy }) : aws;
}
