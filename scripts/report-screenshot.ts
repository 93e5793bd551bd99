// `npm run report:screenshot`: regenerates docs/report.png, the README's picture of the evidence
// report. Starts the emulator, seeds the sample estate, writes the report of a live scan and takes
// a viewport screenshot of it in Debian's chromium (scripts/ensure-chromium.mjs). Nothing leaves
// this machine; the local runner's records are kept in a temporary directory.
import './quiet-sdk-notice.mjs';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { run as report } from '../cli/commands/report';
import { startEmulator } from '../emulator/launcher';
import { seedSampleEstate } from '../emulator/sample-estate';
import { createAwsContext } from '../functions/runtime/aws';
import { REPO_ROOT } from '../infra/bundle';
import { ensureChromium } from './ensure-chromium.mjs';

export const SCREENSHOT = join(REPO_ROOT, 'docs', 'report.png');
/** The README image stays small: one viewport at 1x. */
export const SCREENSHOT_MAX_BYTES = 200 * 1024;

async function main(): Promise<void> {
  const { chromium: executablePath } = ensureChromium();
  const work = mkdtempSync(join(tmpdir(), 'gg-report-shot-'));
  process.env.GLUE_GUARDRAILS_STATE_DIR = join(work, 'state');
  process.env.AWS_ACCESS_KEY_ID ??= 'demo';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'demo';
  const emulator = await startEmulator();
  try {
    const aws = createAwsContext({
      region: 'us-east-1',
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
    });
    await seedSampleEstate(aws, '123456789012');
    const html = join(work, 'report.html');
    const code = await report(['--out', html, '--endpoint', emulator.endpoint, '--region', 'us-east-1']);
    if (code !== 0) throw new Error(`report exited ${code}`);
    const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 760 }, deviceScaleFactor: 1 });
      await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
      await page.screenshot({ path: SCREENSHOT, fullPage: false });
    } finally {
      await browser.close();
    }
  } finally {
    await emulator.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const size = statSync(SCREENSHOT).size;
  if (size > SCREENSHOT_MAX_BYTES)
    throw new Error(`${SCREENSHOT} is ${size} bytes, over ${SCREENSHOT_MAX_BYTES}`);
  console.log(`wrote ${SCREENSHOT} (${Math.round(size / 1024)} KB)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
