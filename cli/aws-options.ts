import { type AwsContext, createAwsContext } from '../functions/runtime/aws';
import { localEndpointCredentials } from './credentials';
import { UsageError } from './errors';
import { profile } from './profiles';

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
  else {
    const region = profileRegion(values.profile);
    if (region) overrides.region = region;
  }
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

/**
 * The region of the profile in use when neither --region nor AWS_REGION/AWS_DEFAULT_REGION gives
 * one, as the SDK would take it. A --profile that is in neither shared file is an error naming it;
 * AWS_PROFILE and the default profile are left to the SDK when absent.
 */
function profileRegion(named: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const settings = named
    ? profile(named)
    : (() => {
        try {
          return profile(env.AWS_PROFILE || 'default');
        } catch {
          return undefined;
        }
      })();
  if (env.AWS_REGION || env.AWS_DEFAULT_REGION) return undefined;
  return settings?.region || undefined;
}
