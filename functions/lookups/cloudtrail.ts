import {
  type AdvancedEventSelector,
  CloudTrailClient,
  DescribeTrailsCommand,
  type EventSelector,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
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

/** A trail's event selectors, classic or advanced (GetEventSelectors, by ARN). */
export const getTrailSelectors = defineLookup(
  'getTrailSelectors',
  ['cloudtrail:GetEventSelectors'],
  async (aws, trailArn: string): Promise<TrailSelectors> => {
    const out = await aws
      .client(CloudTrailClient)
      .send(new GetEventSelectorsCommand({ TrailName: trailArn }));
    return {
      eventSelectors: out.EventSelectors ?? [],
      advancedEventSelectors: out.AdvancedEventSelectors ?? [],
    };
  },
);
