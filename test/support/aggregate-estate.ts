import {
  ConfigServiceClient,
  type Evaluation,
  PutConfigurationAggregatorCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mintResultToken } from '../../emulator/config-service';
import type { EmulatorClientConfig } from '../emulator/context';

/**
 * A Config client acting in another account: moto's STS AssumeRole issues keys that belong to the
 * account of the role ARN, so every later call with them lands in that account's backends.
 */
export async function configClientFor(
  base: EmulatorClientConfig,
  accountId: string,
  region: string,
): Promise<ConfigServiceClient> {
  const sts = new STSClient(base);
  const out = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/glue-guardrails-rule`,
      RoleSessionName: 'aggregate-estate',
    }),
  );
  const creds = out.Credentials;
  if (!creds?.AccessKeyId || !creds.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
  return new ConfigServiceClient({
    ...base,
    region,
    credentials: {
      accessKeyId: creds.AccessKeyId,
      secretAccessKey: creds.SecretAccessKey,
      sessionToken: creds.SessionToken,
    },
  });
}

/** Reports evaluations for a rule as its Lambda would (PutEvaluations, 100 per call). */
export async function reportEvaluations(
  client: ConfigServiceClient,
  configRuleName: string,
  evaluations: Evaluation[],
): Promise<void> {
  const token = mintResultToken(configRuleName);
  for (let start = 0; start < evaluations.length; start += 100) {
    await client.send(
      new PutEvaluationsCommand({ ResultToken: token, Evaluations: evaluations.slice(start, start + 100) }),
    );
  }
}

/** An organization-wide aggregator over the given regions, in the client's account and region. */
export async function putOrganizationAggregator(
  client: ConfigServiceClient,
  name: string,
  regions: string[] | 'all',
): Promise<void> {
  await client.send(
    new PutConfigurationAggregatorCommand({
      ConfigurationAggregatorName: name,
      OrganizationAggregationSource: {
        RoleArn: 'arn:aws:iam::123456789012:role/glue-guardrails-config-aggregator',
        ...(regions === 'all' ? { AllAwsRegions: true } : { AwsRegions: regions }),
      },
    }),
  );
}

export function evaluation(
  resourceId: string,
  compliance: 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE',
  annotation?: string,
  resourceType = 'AWS::Glue::Job',
): Evaluation {
  return {
    ComplianceResourceType: resourceType,
    ComplianceResourceId: resourceId,
    ComplianceType: compliance,
    ...(annotation ? { Annotation: annotation } : {}),
    OrderingTimestamp: new Date('2026-01-01T00:00:00Z'),
  };
}
