import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNT_ID } from '../../emulator/config-events';
import type { ConfigurationItem } from '../../functions/runtime/types';

// The event builders live with the emulator (bench/ and the CLI use them too); tests keep importing
// them from here alongside the JSON fixtures.
export {
  ACCOUNT_ID,
  changeEvent,
  type EventOptions,
  oversizedEvent,
  scheduledEvent,
} from '../../emulator/config-events';

const EVENTS = join(import.meta.dirname, '..', 'events');

/** A JSON fixture from test/events/. */
export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(EVENTS, name), 'utf8')) as T;
}

/** A configuration item for a Glue job with this configuration (status OK unless given). */
export function glueJobItem(configuration: Record<string, unknown>, status = 'OK'): ConfigurationItem {
  const base = fixture<ConfigurationItem>('glue-job-configuration-item.json');
  const name = String(configuration.Name ?? base.resourceId);
  return {
    ...base,
    configurationItemStatus: status,
    resourceId: name,
    resourceName: name,
    ARN: `arn:aws:glue:us-east-1:${ACCOUNT_ID}:job/${name}`,
    configuration: status.startsWith('ResourceDeleted') ? null : configuration,
  };
}
