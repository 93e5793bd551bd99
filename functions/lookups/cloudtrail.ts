import {
  type AdvancedEventSelector,
  CloudTrailClient,
  DescribeTrailsCommand,
  type EventSelector,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import { type AwsContext, createAwsContext } from '../runtime/aws';
import { defineLookup } from '../runtime/lookup';

/**
 * Every trail that applies to this region, including multi-region and organization trails whose
 * home is another region (DescribeTrails with includeShadowTrails; the API does not page).
 */
export const listTrails = defineLookup(
  'listTrails',
  ['cloudtrail:DescribeTrails'],
  async (aws): Promise<Trail[]> => {
    const out = await aws
      .client(CloudTrailClient)
      .send(new DescribeTrailsCommand({ includeShadowTrails: true }));
    return out.trailList ?? [];
  },
);

/** Whether a trail is logging (GetTrailStatus; a shadow trail must be named by its ARN). */
export const getTrailLogging = defineLookup(
  'getTrailLogging',
  ['cloudtrail:GetTrailStatus'],
  async (aws, trailArn: string): Promise<boolean> => {
    const out = await aws.client(CloudTrailClient).send(new GetTrailStatusCommand({ Name: trailArn }));
    return out.IsLogging === true;
  },
);

export interface TrailSelectors {
  eventSelectors: EventSelector[];
  advancedEventSelectors: AdvancedEventSelector[];
}

/** The errors a region answers for a trail it does not hold (CloudTrail API reference, Errors). */
const NOT_IN_THIS_REGION = new Set(['TrailNotFoundException', 'InvalidHomeRegionException']);

/** One context per other region, made on first use from the caller's (same credentials, endpoint, retries). */
const otherRegions = new WeakMap<AwsContext, Map<string, AwsContext>>();
function inRegion(aws: AwsContext, region: string): AwsContext {
  const byRegion = otherRegions.get(aws) ?? new Map<string, AwsContext>();
  otherRegions.set(aws, byRegion);
  const ctx = byRegion.get(region) ?? createAwsContext({ ...aws.config, region });
  byRegion.set(region, ctx);
  return ctx;
}

/** The home region of a trail: the region field of its ARN (`arn:aws:cloudtrail:<home>:<account>:trail/<name>`). */
export function trailHomeRegion(trailArn: string): string | undefined {
  const region = trailArn.split(':')[3];
  return region ? region : undefined;
}

/**
 * A trail's event selectors, classic or advanced (GetEventSelectors, by ARN). The trail's
 * configuration lives in its home region: DescribeTrails in any region lists a multi-region trail
 * (a shadow trail, includeShadowTrails), and GetTrailStatus documents that a shadow trail is answered
 * by its ARN, but GetEventSelectors documents no such thing
 * (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetEventSelectors.html), and a
 * region that does not hold the trail may answer TrailNotFoundException (the emulator does). So a
 * shadow trail is asked in this region first, then in its home region when this one does not know it.
 */
export const getTrailSelectors = defineLookup(
  'getTrailSelectors',
  ['cloudtrail:GetEventSelectors'],
  async (aws, trailArn: string): Promise<TrailSelectors> => {
    const ask = (ctx: AwsContext) =>
      ctx.client(CloudTrailClient).send(new GetEventSelectorsCommand({ TrailName: trailArn }));
    const home = trailHomeRegion(trailArn);
    const out = await ask(aws).catch((error: unknown) => {
      const name = (error as { name?: unknown } | null)?.name;
      if (!home || home === aws.config.region || !NOT_IN_THIS_REGION.has(String(name))) throw error;
      return ask(inRegion(aws, home));
    });
    return {
      eventSelectors: out.EventSelectors ?? [],
      advancedEventSelectors: out.AdvancedEventSelectors ?? [],
    };
  },
);
