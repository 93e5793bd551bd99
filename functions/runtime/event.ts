import {
  ConfigServiceClient,
  GetResourceConfigHistoryCommand,
  type GetResourceConfigHistoryCommandOutput,
  type ConfigurationItem as HistoryItem,
} from '@aws-sdk/client-config-service';
import type { AwsContext } from './aws';
import {
  HistoryItemMismatchError,
  InvalidEventError,
  isAccessDenied,
  MissingPermissionError,
} from './errors';
import { ConfigurationShapeError } from './shape';
import { type ConfigRuleEvent, type ConfigurationItem, type InvokingEvent, MessageType } from './types';

/** Parses and checks the outer event and its `invokingEvent` JSON string. */
export function parseInvokingEvent(event: ConfigRuleEvent): InvokingEvent {
  if (!event || typeof event !== 'object') throw new InvalidEventError('The event is not an object');
  for (const field of ['invokingEvent', 'resultToken', 'configRuleName', 'accountId'] as const) {
    if (typeof event[field] !== 'string' || event[field] === '') {
      throw new InvalidEventError(`The event has no '${field}' string`);
    }
  }
  if (
    event.eventLeftScope !== undefined &&
    event.eventLeftScope !== null &&
    typeof event.eventLeftScope !== 'boolean'
  ) {
    throw new InvalidEventError("The event's 'eventLeftScope' is not a boolean");
  }
  let invoking: unknown;
  try {
    invoking = JSON.parse(event.invokingEvent);
  } catch {
    throw new InvalidEventError("The event's 'invokingEvent' is not valid JSON");
  }
  const msg = invoking as { messageType?: unknown } & Record<string, unknown>;
  switch (msg?.messageType) {
    case MessageType.CHANGE:
      requireObject(msg.configurationItem, 'configurationItem');
      requireItemFields(msg.configurationItem as Record<string, unknown>, 'configurationItem');
      break;
    case MessageType.OVERSIZED:
      requireObject(msg.configurationItemSummary, 'configurationItemSummary');
      requireItemFields(msg.configurationItemSummary as Record<string, unknown>, 'configurationItemSummary');
      break;
    case MessageType.SCHEDULED:
      if (
        typeof msg.notificationCreationTime !== 'string' ||
        Number.isNaN(Date.parse(msg.notificationCreationTime))
      ) {
        throw new InvalidEventError("The scheduled notification has no valid 'notificationCreationTime'");
      }
      break;
    default:
      throw new InvalidEventError(
        `Unsupported invokingEvent messageType ${JSON.stringify(msg?.messageType)}`,
      );
  }
  return invoking as InvokingEvent;
}

function requireObject(value: unknown, name: string): void {
  if (!value || typeof value !== 'object') throw new InvalidEventError(`The invokingEvent has no '${name}'`);
}

function requireItemFields(item: Record<string, unknown>, name: string): void {
  for (const f of ['configurationItemStatus', 'resourceType', 'resourceId', 'configurationItemCaptureTime']) {
    if (typeof item[f] !== 'string') throw new InvalidEventError(`The ${name} has no '${f}'`);
  }
  if (Number.isNaN(Date.parse(item.configurationItemCaptureTime as string))) {
    throw new InvalidEventError(`The ${name} has an invalid 'configurationItemCaptureTime'`);
  }
}

const APPLICABLE = new Set(['OK', 'ResourceDiscovered']);

/**
 * Whether a changed item should be evaluated (rdklib `is_applicable_status`): only live items
 * still in the rule's scope. Deleted, not-recorded and out-of-scope items get NOT_APPLICABLE.
 */
export function isApplicable(status: string, eventLeftScope: boolean | undefined): boolean {
  return APPLICABLE.has(status) && eventLeftScope !== true;
}

/**
 * Fetches the full item of an oversized notification and reshapes it the way a change
 * notification carries it (the API names fields differently and returns configuration and
 * supplementary configuration as JSON strings).
 */
export async function fetchOversizedItem(
  aws: AwsContext,
  summary: { resourceType: string; resourceId: string; configurationItemCaptureTime: string },
): Promise<ConfigurationItem> {
  let out: GetResourceConfigHistoryCommandOutput;
  try {
    out = await aws.client(ConfigServiceClient).send(
      new GetResourceConfigHistoryCommand({
        resourceType: summary.resourceType as never,
        resourceId: summary.resourceId,
        laterTime: new Date(summary.configurationItemCaptureTime),
        limit: 1,
      }),
    );
  } catch (error) {
    if (isAccessDenied(error)) throw new MissingPermissionError(['config:GetResourceConfigHistory'], error);
    throw error;
  }
  const item = out.configurationItems?.[0];
  if (!item) {
    throw new InvalidEventError(
      `GetResourceConfigHistory returned no item for ${summary.resourceType} ${summary.resourceId}`,
    );
  }
  // The history may hold only an older item (not yet written, or a later one evicted): judging
  // that and stamping it with the notification's time would record a verdict on a stale state.
  const wanted = Date.parse(summary.configurationItemCaptureTime);
  const got = item.configurationItemCaptureTime?.getTime();
  if (
    got !== wanted ||
    item.resourceId !== summary.resourceId ||
    item.resourceType !== summary.resourceType
  ) {
    throw new HistoryItemMismatchError(
      `GetResourceConfigHistory returned the item of ${item.resourceType ?? '?'} ${item.resourceId ?? '?'} captured at ${
        got === undefined ? 'an unknown time' : new Date(got).toISOString()
      }, not the notified one of ${summary.resourceType} ${summary.resourceId} captured at ${new Date(wanted).toISOString()}`,
    );
  }
  return toNotificationItem(item);
}

/** Maps a GetResourceConfigHistory item onto the change-notification field names. */
export function toNotificationItem(item: HistoryItem): ConfigurationItem {
  const supplementary: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item.supplementaryConfiguration ?? {})) supplementary[k] = parseJson(v);
  return {
    configurationItemVersion: item.version,
    awsAccountId: item.accountId,
    configurationItemCaptureTime: (item.configurationItemCaptureTime ?? new Date(0)).toISOString(),
    configurationItemStatus: item.configurationItemStatus ?? 'OK',
    configurationStateId: item.configurationStateId,
    configurationStateMd5Hash: item.configurationItemMD5Hash,
    ARN: item.arn,
    resourceType: item.resourceType ?? '',
    resourceId: item.resourceId ?? '',
    resourceName: item.resourceName,
    awsRegion: item.awsRegion,
    availabilityZone: item.availabilityZone,
    resourceCreationTime: item.resourceCreationTime?.toISOString(),
    tags: item.tags ?? {},
    relatedEvents: item.relatedEvents ?? [],
    relationships: (item.relationships ?? []).map((r) => ({
      resourceId: r.resourceId,
      resourceName: r.resourceName,
      resourceType: r.resourceType,
      name: r.relationshipName,
    })),
    configuration: item.configuration === undefined ? null : parseConfiguration(item.configuration),
    supplementaryConfiguration: supplementary,
  };
}

/** The configuration JSON text of a history item; cut-off or invalid JSON is an error, never a string. */
function parseConfiguration(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new ConfigurationShapeError('configuration', 'complete JSON text', value);
  }
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
