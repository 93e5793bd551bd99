// Secret detection on hostile input: the plaintext-secret rule's evaluate on four job arguments
// of worst-case shapes, and the runner's redactor on a long run of `PASSWORD`. Both read data an
// insider controls, so their cost must stay linear in the input. Target: under 50 ms each.
// `npm run bench secrets` runs only this; BENCH_SECRETS_CHARS overrides the argument length.
import type { Job } from '@aws-sdk/client-glue';
import { rule } from '../functions/rules/glue-job-no-plaintext-secrets';
import { Redactor } from '../remediation/runner/redact';
import { evaluateResource } from './support/rule-context';

const CHARS = Number(process.env.BENCH_SECRETS_CHARS ?? 100_000);
const REDACT_CHARS = Number(process.env.BENCH_REDACT_CHARS ?? 8_000);

const fill = (unit: string, n: number): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/** Shapes that made the old patterns rescan the rest of the value from every start position. */
const SHAPES: ReadonlyArray<{ name: string; value: (n: number) => string }> = [
  { name: 'scheme run (a…a)', value: (n) => fill('a', n) },
  { name: 's3a://x: repeated', value: (n) => fill('s3a://x:', n) },
  { name: 'eyJ- repeated (JWT)', value: (n) => fill('eyJ-', n) },
  { name: 'passwordpassword… run, then =', value: (n) => `x ${fill('password', n - 4)} =` },
];

function stats(samples: number[]): { median: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)] ?? 0, max: s[s.length - 1] ?? 0 };
}

async function time(runs: number, f: () => unknown): Promise<{ median: number; max: number }> {
  await f(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

const row = (name: string, chars: number, t: { median: number; max: number }): string =>
  `| ${name.padEnd(40)} | ${String(chars).padStart(7)} | ${t.median.toFixed(2).padStart(9)} | ${t.max
    .toFixed(2)
    .padStart(9)} |`;

export async function run(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 7);
  console.log(`| ${'case'.padEnd(40)} | ${'chars'.padStart(7)} | median ms | max ms    |`);
  console.log(`|${'-'.repeat(42)}|${'-'.repeat(9)}|-----------|-----------|`);
  const job = (args: Record<string, string>): Job => ({
    Name: 'bench',
    Command: { Name: 'glueetl' },
    DefaultArguments: args,
  });
  for (const shape of SHAPES) {
    const j = job({ '--input': shape.value(CHARS) });
    console.log(row(`evaluate: ${shape.name}`, CHARS, await time(runs, () => evaluateResource(rule, j, {}))));
  }
  const all = job(Object.fromEntries(SHAPES.map((s, i) => [`--arg${i}`, s.value(CHARS)])));
  console.log(
    row('evaluate: all four in one job', CHARS * 4, await time(runs, () => evaluateResource(rule, all, {}))),
  );
  const text = fill('PASSWORD', REDACT_CHARS);
  console.log(
    row('redactor scrub: PASSWORD…', REDACT_CHARS, await time(runs, () => new Redactor().scrub(text))),
  );
}
