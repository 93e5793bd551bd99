// Pure runtime cost of one periodic sweep: parse, evaluate N resources, build evaluations.
// No AWS calls, so the figure is the runtime's own overhead per resource.

import { scheduledEvent } from '../emulator/config-events';
import { createAwsContext } from '../functions/runtime/aws';
import { evaluateEvent } from '../functions/runtime/engine';
import { fakeJobRule } from './support/fake-rules';

export async function run(): Promise<void> {
  const aws = createAwsContext({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' });
  for (const n of [1_000, 10_000, 50_000]) {
    const rule = fakeJobRule(Array.from({ length: n }, (_, i) => ({ Name: `job-${i}`, Good: i % 3 !== 0 })));
    const event = scheduledEvent({ configRuleName: rule.id });
    await evaluateEvent(rule, event, aws); // warm-up
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const runs = 5;
    for (let i = 0; i < runs; i++) await evaluateEvent(rule, event, aws);
    const ms = (performance.now() - t0) / runs;
    const rssMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    console.log(
      `sweep of ${String(n).padStart(6)} resources: ${ms.toFixed(1).padStart(7)} ms  ` +
        `(${((ms * 1000) / n).toFixed(2)} µs/resource, RSS +${rssMb.toFixed(1)} MiB)`,
    );
  }
}
