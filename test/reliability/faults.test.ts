import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../emulator/config-service';
import { seedSampleEstate } from '../../emulator/sample-estate';
import { rules } from '../../functions/rules/index';
import {
  type AwsContext,
  CONNECTION_TIMEOUT_ENV,
  createAwsContext,
  httpTimeouts,
  REQUEST_TIMEOUT_ENV,
} from '../../functions/runtime/aws';
import { toHandler } from '../../functions/runtime/handler';
import type { AnyRule } from '../../functions/runtime/rule';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';
import { scheduledEvent } from '../support/config-events';
import { type FaultProxy, type FaultProxyOptions, startFaultProxy } from '../support/fault-proxy';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });
// Short timeouts, set through the variables operators use, so `slow` faults cost little.
const TIMEOUTS = httpTimeouts({ [CONNECTION_TIMEOUT_ENV]: '1000', [REQUEST_TIMEOUT_ENV]: '2000' });
const ATTEMPTS = 4;

let proxies: FaultProxy[] = [];
afterEach(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  proxies = [];
});

async function proxy(options: Omit<FaultProxyOptions, 'target'>): Promise<FaultProxy> {
  const started = await startFaultProxy({ target: emulator.endpoint, slowMs: 3_000, ...options });
  proxies.push(started);
  return started;
}

/** The rule functions' AWS context, through the proxy, with the SDK's standard retries. */
function awsThrough(endpoint: string, maxAttempts = ATTEMPTS): AwsContext {
  return createAwsContext({
    region: emulator.region,
    endpoint,
    credentials: emulator.clientConfig.credentials,
    maxAttempts,
    retryMode: 'standard',
    requestHandler: TIMEOUTS,
  });
}

type Row = [string, string, string, string];

/** Sweeps `rule` as Config would under the rule name `name`; returns what reached Config, sorted. */
async function sweep(
  aws: AwsContext,
  rule: AnyRule,
  name: string,
): Promise<{ error?: unknown; stored: Row[] }> {
  const error = await toHandler(rule, { aws, logger })(
    scheduledEvent({ configRuleName: name, resultToken: mintResultToken(name) }),
  ).then(
    () => undefined,
    (e: unknown) => e ?? new Error('rejected without a reason'),
  );
  return { error, stored: await storedRows(name) };
}

async function storedRows(name: string): Promise<Row[]> {
  const rows = (await readStoredEvaluations(emulator.endpoint, name)).map(
    (e): Row => [e.ComplianceResourceType, e.ComplianceResourceId, e.ComplianceType, e.Annotation ?? ''],
  );
  return rows.sort((a, b) => a.join('\0').localeCompare(b.join('\0')));
}

describe('Reliability: injected faults', () => {
  it('a sweep of every rule under 20% faults stores exactly the evaluations of the fault-free sweep', async () => {
    // Prepare
    await seedSampleEstate(emulatorAws(emulator), emulator.accountId);
    const faulty = await proxy({ seed: 20_261_205, rate: 0.2, maxConsecutive: ATTEMPTS - 1 });
    // Act
    const results: Array<{
      rule: string;
      clean: Awaited<ReturnType<typeof sweep>>;
      faulted: Awaited<ReturnType<typeof sweep>>;
    }> = [];
    for (const rule of rules) {
      const clean = await sweep(awsThrough(emulator.endpoint), rule, rule.id);
      const faulted = await sweep(awsThrough(faulty.endpoint), rule, `${rule.id}-faulted`);
      results.push({ rule: rule.id, clean, faulted });
    }
    // Assess
    for (const { rule, clean, faulted } of results) {
      expect({ rule, error: faulted.error }).toEqual({ rule, error: clean.error });
      expect({ rule, stored: faulted.stored }).toEqual({ rule, stored: clean.stored });
    }
    expect(results.some((r) => r.clean.stored.length > 0)).toBe(true);
    const kinds = new Set(faulty.injected.map((f) => f.fault));
    expect([...kinds].sort()).toEqual(['empty-page', 'reset', 'server', 'slow', 'throttle']);
    const services = new Set(faulty.injected.filter((f) => f.fault === 'throttle').map((f) => f.service));
    expect(services.has('glue')).toBe(true);
  }, 240_000);

  it('under 100% faults every rule fails loudly and leaves the stored evaluations untouched', async () => {
    // Prepare: yesterday's fault-free sweep
    await seedSampleEstate(emulatorAws(emulator), emulator.accountId);
    const before = new Map<string, Row[]>();
    for (const rule of rules)
      before.set(rule.id, (await sweep(awsThrough(emulator.endpoint), rule, rule.id)).stored);
    const down = await proxy({ seed: 7, rate: 1, mix: ['throttle', 'server', 'reset'] });
    // Act
    const outcomes = [];
    for (const rule of rules)
      outcomes.push({ rule: rule.id, ...(await sweep(awsThrough(down.endpoint, 2), rule, rule.id)) });
    // Assess
    for (const { rule, error, stored } of outcomes) {
      expect({ rule, failed: error instanceof Error }).toEqual({ rule, failed: true });
      expect({ rule, stored }).toEqual({ rule, stored: before.get(rule) });
    }
    expect(down.forwarded.size).toBe(0);
  }, 240_000);

  it('a NextToken that repeats forever fails the sweep instead of paging until the timeout', async () => {
    // Prepare
    await seedSampleEstate(emulatorAws(emulator), emulator.accountId);
    const { getRule } = await import('../../functions/rules/index');
    const rule = getRule('glue-job-logging-enabled');
    const before = (await sweep(awsThrough(emulator.endpoint), rule, rule.id)).stored;
    const looping = await proxy({
      seed: 1,
      rate: 1,
      mix: ['repeat-token'],
      only: (r) => r.operation === 'GetJobs',
    });
    // Act
    const { error, stored } = await sweep(awsThrough(looping.endpoint), rule, rule.id);
    // Assess
    expect(String((error as Error | undefined)?.message)).toMatch(
      /glue:GetJobs answered a next-page token it had already answered/,
    );
    expect(looping.forwarded.get('glue:GetJobs')).toBeLessThanOrEqual(3);
    expect(stored).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
  }, 120_000);
});
