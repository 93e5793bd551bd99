import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import {
  ConfigServiceClient,
  GetComplianceDetailsByConfigRuleCommand,
  GetResourceConfigHistoryCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import { GetConnectionsCommand, GetJobsCommand, GlueClient } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rules } from '../../functions/rules/index';
import { createAwsContext } from '../../functions/runtime/aws';
import { toHandler } from '../../functions/runtime/handler';
import type { ConfigRuleEvent, Evaluation } from '../../functions/runtime/types';

/**
 * The hostile event corpus (test/events/bad/): malformed and hostile events, each with the
 * outcome it must get: a named error, NOT_APPLICABLE, or (for a well-formed event with a hostile
 * name) the true verdict. Each runs through the real handler; AWS answers come from the fixture.
 */
interface HostileFixture {
  description: string;
  event: unknown;
  /** Rule id (default glue-job-no-plaintext-secrets). */
  rule?: string;
  /** GetResourceConfigHistory items (API shape; capture times as ISO strings). */
  history?: Array<Record<string, unknown>>;
  /** Every GetResourceConfigHistory call fails with an error of this name. */
  historyError?: string;
  /** GetJobs answer for sweeps. */
  listing?: unknown[];
  /** A string (a seeded secret) that must appear in no error, evaluation or log line. */
  secretAbsent?: string;
  expect: { error?: string; message?: string; put: Record<string, string> };
}

const DIR = join(import.meta.dirname, '..', 'events', 'bad');
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map(
    (f) =>
      [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(DIR, f), 'utf8')) as HostileFixture] as const,
  );

/** A context whose Config and Glue clients answer from the fixture and record what is put. */
function fakeAws(fx: HostileFixture) {
  const aws = createAwsContext({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
  const put: Evaluation[] = [];
  const calls: string[] = [];
  Object.assign(aws.client(ConfigServiceClient), {
    send: async (command: unknown) => {
      calls.push((command as object).constructor.name);
      if (command instanceof PutEvaluationsCommand) {
        put.push(...((command.input.Evaluations ?? []) as Evaluation[]));
        return { FailedEvaluations: [] };
      }
      if (command instanceof GetResourceConfigHistoryCommand) {
        if (fx.historyError)
          throw Object.assign(new Error(`${fx.historyError} (fixture)`), { name: fx.historyError });
        return {
          configurationItems: (fx.history ?? []).map((h) => ({
            ...h,
            configurationItemCaptureTime: new Date(String(h.configurationItemCaptureTime)),
          })),
        };
      }
      if (command instanceof GetComplianceDetailsByConfigRuleCommand) return { EvaluationResults: [] };
      throw new Error(`unexpected Config command ${(command as object).constructor.name}`);
    },
  });
  Object.assign(aws.client(GlueClient), {
    send: async (command: unknown) => {
      calls.push((command as object).constructor.name);
      if (command instanceof GetJobsCommand) return { Jobs: fx.listing ?? [] };
      if (command instanceof GetConnectionsCommand) return { ConnectionList: [] };
      throw new Error(`unexpected Glue command ${(command as object).constructor.name}`);
    },
  });
  return { aws, put, calls };
}

/** A logger that keeps every line it would print. */
function capturingLogger(lines: string[]): Logger {
  const logger = new Logger({ serviceName: 'hostile', logLevel: 'DEBUG' });
  for (const level of ['debug', 'info', 'warn', 'error'] as const) {
    (logger as unknown as Record<string, (...a: unknown[]) => void>)[level] = (...a: unknown[]) =>
      void lines.push(JSON.stringify(a));
  }
  return logger;
}

describe('Hostile event corpus (test/events/bad)', () => {
  it('holds at least 40 fixtures, each with an expected outcome', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    for (const [name, fx] of fixtures) {
      expect(fx.description, name).toBeTruthy();
      expect(fx.expect?.put, name).toBeTypeOf('object');
    }
  });

  it.each(fixtures)('%s', async (_name, fx) => {
    // Prepare
    const rule = rules.find((r) => r.id === (fx.rule ?? 'glue-job-no-plaintext-secrets'));
    if (!rule) throw new Error(`fixture names unknown rule ${fx.rule}`);
    const { aws, put } = fakeAws(fx);
    const logs: string[] = [];
    // Act
    const outcome = await toHandler(rule, { aws, logger: capturingLogger(logs), put: { retries: 0 } })(
      fx.event as ConfigRuleEvent,
    ).then(
      (result) => ({ result, error: undefined }),
      (error: unknown) => ({ result: undefined, error: error as Error }),
    );
    // Assess: the named error (or none), and exactly the evaluations expected
    if (fx.expect.error) {
      expect(outcome.error?.name, outcome.error?.stack).toBe(fx.expect.error);
      if (fx.expect.message) expect(outcome.error?.message).toContain(fx.expect.message);
      // A named error, never the engine tripping over the input
      expect(outcome.error).not.toBeInstanceOf(TypeError);
    } else {
      expect(outcome.error, outcome.error?.stack).toBeUndefined();
    }
    const got: Record<string, string> = {};
    for (const e of put) got[e.ComplianceResourceId] = e.ComplianceType;
    expect(got).toEqual(fx.expect.put);
    // Nothing that could not be judged is ever COMPLIANT
    for (const e of put) {
      if (e.ComplianceType === 'COMPLIANT') expect(fx.expect.put[e.ComplianceResourceId]).toBe('COMPLIANT');
      expect(e.Annotation ?? '').not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      expect((e.Annotation ?? '').length).toBeLessThanOrEqual(256);
    }
    if (fx.secretAbsent) {
      const everything = [outcome.error?.message ?? '', JSON.stringify(put), ...logs].join('\n');
      expect(everything).not.toContain(fx.secretAbsent);
    }
  });
});
