import type { ConfigRuleEvent, ConfigurationItem } from '../functions/runtime/types';

/**
 * The events AWS Config sends a custom rule's Lambda, built the way Config builds them (documented
 * shapes), for the tests, the benchmarks and anything else that plays the Config service against the
 * emulator. Defaults: the emulator's account and region.
 */

/** The emulator's default account. */
export const ACCOUNT_ID = '123456789012';

export interface EventOptions {
  configRuleName?: string;
  ruleParameters?: Record<string, string> | string;
  resultToken?: string;
  eventLeftScope?: boolean;
  accountId?: string;
}

function outer(invokingEvent: unknown, o: EventOptions): ConfigRuleEvent {
  const accountId = o.accountId ?? ACCOUNT_ID;
  const name = o.configRuleName ?? 'test-rule';
  return {
    version: '1.0',
    invokingEvent: JSON.stringify(invokingEvent),
    ruleParameters:
      o.ruleParameters === undefined
        ? undefined
        : typeof o.ruleParameters === 'string'
          ? o.ruleParameters
          : JSON.stringify(o.ruleParameters),
    resultToken: o.resultToken ?? 'TESTMODE',
    eventLeftScope: o.eventLeftScope ?? false,
    executionRoleArn: `arn:aws:iam::${accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    configRuleArn: `arn:aws:config:us-east-1:${accountId}:config-rule/config-rule-abc123`,
    configRuleName: name,
    configRuleId: 'config-rule-abc123',
    accountId,
  };
}

/** A ConfigurationItemChangeNotification event for this item (documented shape). */
export function changeEvent(item: ConfigurationItem, o: EventOptions = {}): ConfigRuleEvent {
  return outer(
    {
      configurationItemDiff: null,
      configurationItem: item,
      notificationCreationTime: new Date(Date.parse(item.configurationItemCaptureTime) + 5000).toISOString(),
      messageType: 'ConfigurationItemChangeNotification',
      recordVersion: '1.3',
    },
    o,
  );
}

/** An OversizedConfigurationItemChangeNotification carrying only the item's summary. */
export function oversizedEvent(item: ConfigurationItem, o: EventOptions = {}): ConfigRuleEvent {
  const { configuration: _c, supplementaryConfiguration: _s, relationships: _r, tags: _t, ...rest } = item;
  return outer(
    {
      configurationItemSummary: { ...rest, changeType: 'UPDATE' },
      messageType: 'OversizedConfigurationItemChangeNotification',
      notificationCreationTime: new Date(Date.parse(item.configurationItemCaptureTime) + 5000).toISOString(),
      recordVersion: '1.0',
    },
    o,
  );
}

/** A ScheduledNotification (periodic trigger). */
export function scheduledEvent(o: EventOptions & { at?: string } = {}): ConfigRuleEvent {
  return outer(
    {
      awsAccountId: o.accountId ?? ACCOUNT_ID,
      notificationCreationTime: o.at ?? '2026-11-27T06:00:00.000Z',
      messageType: 'ScheduledNotification',
      recordVersion: '1.0',
    },
    o,
  );
}
