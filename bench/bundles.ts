// Every Lambda bundle's size and module load time (a cold `import()` in a fresh Node process,
// as a Lambda cold start pays it), the notifier next to the median rule, in one run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleCatalog } from '../functions/rules/catalog';
import { bundle, functionEntries, NOTIFIER_NAME } from '../infra/bundle';

/** Fresh processes per bundle; the median is reported. */
const RUNS = 5;

const LOAD_SCRIPT =
  'const t0 = performance.now(); await import(process.argv[1]); ' +
  'process.stdout.write(String(performance.now() - t0)); process.exit(0);';

function loadMs(file: string): number {
  const out = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', LOAD_SCRIPT, pathToFileURL(file).href],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        AWS_REGION: 'us-east-1',
        ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:bench',
      },
    },
  );
  return Number(out);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1).padStart(7)} KiB`;
const ms = (value: number): string => `${value.toFixed(1).padStart(6)} ms`;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gg-bench-bundles-'));
  try {
    const files = new Map<string, { file: string; size: number }>();
    for (const [name, source] of functionEntries(ruleCatalog.map((r) => r.id))) {
      const file = join(dir, name, 'index.mjs');
      files.set(name, { file, size: await bundle(source, file) });
    }
    // Round-robin, so drifting machine load spreads over every bundle alike.
    const times = new Map<string, number[]>([...files.keys()].map((name) => [name, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const [name, { file }] of files) times.get(name)?.push(loadMs(file));
    }
    const rows = [...files].map(([name, { size }]) => ({ name, size, load: median(times.get(name) ?? []) }));
    const width = Math.max(...rows.map((r) => r.name.length));
    for (const r of rows) console.log(`${r.name.padEnd(width)}  ${kib(r.size)}  load ${ms(r.load)}`);
    const rules = rows.filter((r) => r.name !== NOTIFIER_NAME);
    const notifier = rows.find((r) => r.name === NOTIFIER_NAME);
    if (!notifier || rules.length === 0) return;
    const ruleSize = median(rules.map((r) => r.size));
    const ruleLoad = median(rules.map((r) => r.load));
    console.log(
      `\nnotifier ${kib(notifier.size)}, load ${ms(notifier.load)}  |  median rule ${kib(ruleSize)}, ` +
        `load ${ms(ruleLoad)}  |  notifier/rule: size ${(notifier.size / ruleSize).toFixed(2)}x, ` +
        `load ${(notifier.load / ruleLoad).toFixed(2)}x  (median of ${RUNS} cold loads each)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
