// CLI start-up and scan wall time, from source through tsx (before) and from the esbuild bundle
// (after), in the same run: `--help`, a one-rule scan and a full one-region scan of the sample
// estate on the emulator. Each figure is the median of N fresh `node bin/glue-guardrails.mjs`
// processes (BENCH_CLI_RUNS, default 5). Figures, not assertions.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../emulator/launcher';
import { seedSampleEstate } from '../emulator/sample-estate';
import { rules } from '../functions/rules/index';
import { createAwsContext } from '../functions/runtime/aws';
import { buildCliBundle, bundleProblem } from '../scripts/cli-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'glue-guardrails.mjs');
const REGION = 'us-east-1';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall time of one CLI process, in ms; throws when it exits with an unexpected code. */
function timeOnce(mode: 'source' | 'bundle', argv: string[], expected: number[]): number {
  const t0 = performance.now();
  const result = spawnSync(process.execPath, [bin, ...argv], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      GLUE_GUARDRAILS_CLI: mode,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
    },
  });
  const ms = performance.now() - t0;
  if (result.status === null || !expected.includes(result.status)) {
    throw new Error(`glue-guardrails ${argv.join(' ')} (${mode}) exited ${result.status}: ${result.stderr}`);
  }
  return ms;
}

export async function run(): Promise<void> {
  const runs = Math.max(1, Number.parseInt(process.env.BENCH_CLI_RUNS ?? '5', 10) || 5);
  const stale = bundleProblem();
  if (stale !== undefined) {
    const built = await buildCliBundle();
    console.log(`(built dist/cli first: ${stale}; ${(built.bytes / 1024).toFixed(0)} KiB)`);
  }
  const emulator = await startEmulator();
  try {
    const aws = createAwsContext({
      region: REGION,
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    await seedSampleEstate(aws, '123456789012');
    const target = ['--endpoint', emulator.endpoint, '--region', REGION];
    // Scans of the drifted estate exit 1 (something non-compliant); 0 is fine too.
    const cases: Array<{ name: string; argv: string[]; expected: number[] }> = [
      { name: '--help', argv: ['--help'], expected: [0] },
      {
        name: 'scan, 1 rule',
        argv: ['scan', ...target, '--rules', 'glue-connection-ssl-enforced'],
        expected: [0, 1],
      },
      { name: `scan, all ${rules.length} rules`, argv: ['scan', ...target], expected: [0, 1] },
    ];
    console.log(`median of ${runs} runs each, ms (node ${process.version})`);
    console.log(
      `${'case'.padEnd(22)}${'tsx (before)'.padStart(14)}${'bundle (after)'.padStart(16)}  speed-up`,
    );
    for (const c of cases) {
      const times = { source: [] as number[], bundle: [] as number[] };
      // Interleave the two so that a busy moment of the machine hits both alike.
      for (let i = 0; i < runs; i++) {
        times.source.push(timeOnce('source', c.argv, c.expected));
        times.bundle.push(timeOnce('bundle', c.argv, c.expected));
      }
      const before = median(times.source);
      const after = median(times.bundle);
      console.log(
        `${c.name.padEnd(22)}${before.toFixed(0).padStart(14)}${after.toFixed(0).padStart(16)}  ${(before / after).toFixed(1)}x`,
      );
    }
  } finally {
    await emulator.stop();
  }
}
