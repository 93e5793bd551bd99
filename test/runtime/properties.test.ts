import {
  GetConnectionsCommand,
  GetJobsCommand,
  GetSecurityConfigurationsCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rules } from '../../functions/rules/index';
import { createAwsContext } from '../../functions/runtime/aws';
import { evaluateEvent } from '../../functions/runtime/engine';
import { InvalidEventError, InvalidParameterValueError } from '../../functions/runtime/errors';
import { parseInvokingEvent } from '../../functions/runtime/event';
import { bool, int, list, parseParameters, str } from '../../functions/runtime/parameters';
import { ConfigurationShapeError, isRecord } from '../../functions/runtime/shape';
import type { ConfigRuleEvent } from '../../functions/runtime/types';
import { changeEvent, glueJobItem } from '../support/config-events';

/** Property tests: arbitrary JSON in, a verdict or a named error out; nothing else escapes. */
const SEED = 20261205;
const MESSAGE_TYPES = [
  'ConfigurationItemChangeNotification',
  'OversizedConfigurationItemChangeNotification',
  'ScheduledNotification',
];
const INHERITED = ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

/** Events shaped roughly like Config's, with any field replaced by arbitrary JSON. */
const invokingEvents = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      messageType: fc.oneof(fc.constantFrom(...MESSAGE_TYPES), fc.jsonValue()),
      notificationCreationTime: fc.oneof(fc.constant('2026-11-27T06:00:00.000Z'), fc.jsonValue()),
      configurationItem: fc.oneof(
        fc.record(
          {
            configurationItemStatus: fc.oneof(fc.constantFrom('OK', 'ResourceDeleted'), fc.jsonValue()),
            resourceType: fc.oneof(fc.constant('AWS::Glue::Job'), fc.jsonValue()),
            resourceId: fc.oneof(fc.string(), fc.jsonValue()),
            configurationItemCaptureTime: fc.oneof(fc.constant('2026-11-20T09:15:42.318Z'), fc.string()),
            configuration: fc.jsonValue(),
          },
          { requiredKeys: [] },
        ),
        fc.jsonValue(),
      ),
      configurationItemSummary: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);
const outerEvents = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      invokingEvent: fc.oneof(
        invokingEvents.map((v) => JSON.stringify(v)),
        fc.string(),
        fc.jsonValue(),
      ),
      ruleParameters: fc.oneof(
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.jsonValue(),
      ),
      resultToken: fc.oneof(fc.constant('TESTMODE'), fc.jsonValue()),
      configRuleName: fc.oneof(fc.constant('r'), fc.jsonValue()),
      accountId: fc.oneof(fc.constant('123456789012'), fc.jsonValue()),
      eventLeftScope: fc.oneof(fc.boolean(), fc.jsonValue()),
    },
    { requiredKeys: [] },
  ),
);

/** Offline: Glue lookups answer with empty listings, nothing else is reachable. */
function offlineAws() {
  const aws = createAwsContext({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
  Object.assign(aws.client(GlueClient), {
    send: async (command: unknown) => {
      if (command instanceof GetJobsCommand) return { Jobs: [] };
      if (command instanceof GetConnectionsCommand) return { ConnectionList: [] };
      if (command instanceof GetSecurityConfigurationsCommand) return { SecurityConfigurations: [] };
      throw new Error('unexpected call');
    },
  });
  return aws;
}

const NAMED = [InvalidEventError, InvalidParameterValueError, ConfigurationShapeError];
const isNamed = (e: unknown): boolean => NAMED.some((c) => e instanceof c);

describe('Property: the event parser', () => {
  it('returns a parsed event or throws InvalidEventError, for any input', () => {
    fc.assert(
      fc.property(outerEvents, (event) => {
        try {
          const parsed = parseInvokingEvent(event as ConfigRuleEvent);
          expect(MESSAGE_TYPES).toContain(parsed.messageType);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidEventError);
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe('Property: evaluating arbitrary events and configurations', () => {
  const jobRules = rules.filter(
    (r) => r.scope === 'resource' && r.resourceTypes.includes('AWS::Glue::Job') && r.id !== 'glue-job-tagged',
  );

  it('any outer event: a run or a named error', async () => {
    const aws = offlineAws();
    await fc.assert(
      fc.asyncProperty(outerEvents, fc.constantFrom(...jobRules), async (event, rule) => {
        try {
          const run = await evaluateEvent(rule, event as ConfigRuleEvent, aws);
          for (const f of run.failures) expect(isNamed(f.error), String(f.error)).toBe(true);
        } catch (error) {
          expect(isNamed(error), String(error)).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('a job configuration of any shape: COMPLIANT only when the arguments are string maps', async () => {
    const aws = offlineAws();
    const argumentMaps = fc.oneof(
      fc.dictionary(fc.string(), fc.string()),
      fc.jsonValue(),
      fc.constant(undefined),
    );
    const configurations = fc.oneof(
      fc.jsonValue(),
      fc.record({
        Name: fc.constant('job'),
        Command: fc.oneof(fc.record({ Name: fc.constantFrom('glueetl', 'pythonshell') }), fc.jsonValue()),
        GlueVersion: fc.oneof(fc.constantFrom('2.0', '4.0', '5.0'), fc.jsonValue()),
        DefaultArguments: argumentMaps,
        NonOverridableArguments: argumentMaps,
      }),
    );
    await fc.assert(
      fc.asyncProperty(configurations, fc.constantFrom(...jobRules), async (configuration, rule) => {
        const event = changeEvent({ ...glueJobItem({ Name: 'job' }), configuration });
        try {
          const run = await evaluateEvent(rule, event, aws);
          for (const f of run.failures) expect(f.error).toBeInstanceOf(ConfigurationShapeError);
          if (run.evaluations.some((e) => e.ComplianceType === 'COMPLIANT')) {
            expect(isRecord(configuration)).toBe(true);
            const c = configuration as Record<string, unknown>;
            for (const map of [c.DefaultArguments, c.NonOverridableArguments]) {
              if (map === undefined || map === null) continue;
              expect(isRecord(map) && Object.values(map).every((v) => typeof v === 'string')).toBe(true);
            }
          }
        } catch (error) {
          expect(isNamed(error), String(error)).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('Property: rule parameter parsing', () => {
  const specs = {
    strict: bool(false, 'b'),
    version: str('s', { pattern: /^\d+\.\d+$/ }),
    keys: list('l', { pattern: /^[a-z]+$/ }),
    days: int(7, 'i', { min: 1, max: 365 }),
  };
  const names = fc.oneof(fc.constantFrom(...Object.keys(specs), ...INHERITED), fc.string());
  const values = fc.oneof(fc.string(), fc.jsonValue());

  it('any JSON text or value: parsed values or InvalidParameterValueError', () => {
    const inputs = fc.oneof(
      fc.json(),
      fc.string(),
      fc.jsonValue(),
      fc.dictionary(names, values).map((d) => JSON.stringify(d)),
      // Hand-built text, so duplicated and inherited keys survive into the JSON
      fc
        .array(fc.tuple(names, fc.string()), { maxLength: 6 })
        .map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`),
    );
    fc.assert(
      fc.property(inputs, (input) => {
        try {
          const out = parseParameters(specs, input);
          expect(Object.keys(out).sort()).toEqual(Object.keys(specs).sort());
          expect(typeof out.strict).toBe('boolean');
          expect(out.days).toBeGreaterThanOrEqual(1);
          expect(out.days).toBeLessThanOrEqual(365);
          if (typeof input === 'string' && input.trim().startsWith('{')) {
            for (const k of Object.keys(JSON.parse(input) as object))
              expect(Object.hasOwn(specs, k)).toBe(true);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidParameterValueError);
        }
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('never accepts an inherited name', () => {
    fc.assert(
      fc.property(fc.constantFrom(...INHERITED), fc.string(), (name, value) => {
        expect(() => parseParameters(specs, `{${JSON.stringify(name)}:${JSON.stringify(value)}}`)).toThrow(
          InvalidParameterValueError,
        );
      }),
      { seed: SEED },
    );
  });
});
