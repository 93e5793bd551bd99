// Makes sure the report's browser test has what it drives: Debian's `chromium` (headless, through
// playwright-core; never a downloaded browser) and `pdftotext` (poppler-utils) to read the printed
// PDF back. Installs both with apt-get when missing and running as root; otherwise fails with one
// message naming what to install. Cached: once both executables exist nothing is run.
//
// Usage: node scripts/ensure-chromium.mjs   (or import { ensureChromium } from it)
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Where Debian's packages put them; GLUE_GUARDRAILS_CHROMIUM / _PDFTOTEXT override. */
const CHROMIUM = process.env.GLUE_GUARDRAILS_CHROMIUM || '/usr/bin/chromium';
const PDFTOTEXT = process.env.GLUE_GUARDRAILS_PDFTOTEXT || '/usr/bin/pdftotext';
const APT_GET = '/usr/bin/apt-get';

const executable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Returns the paths of chromium and pdftotext, installing the Debian packages first when needed.
 * @returns {{ chromium: string, pdftotext: string }}
 */
export function ensureChromium() {
  const missing = [];
  if (!executable(CHROMIUM)) missing.push('chromium');
  if (!executable(PDFTOTEXT)) missing.push('poppler-utils');
  if (missing.length === 0) return { chromium: CHROMIUM, pdftotext: PDFTOTEXT };
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !executable(APT_GET)) {
    throw new Error(
      `The report's browser test needs ${missing.join(' and ')} (${CHROMIUM}, ${PDFTOTEXT}). ` +
        `Install them: sudo apt-get install -y ${missing.join(' ')} ` +
        '(or point GLUE_GUARDRAILS_CHROMIUM / GLUE_GUARDRAILS_PDFTOTEXT at existing executables).',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    execFileSync(APT_GET, ['install', '-y', '--no-install-recommends', ...missing], {
      stdio: 'inherit',
      env,
    });
  try {
    install();
  } catch {
    // A fresh image has no package lists yet.
    execFileSync(APT_GET, ['update'], { stdio: 'inherit', env });
    install();
  }
  const still = [CHROMIUM, PDFTOTEXT].filter((p) => !executable(p));
  if (still.length > 0)
    throw new Error(`apt-get installed ${missing.join(' ')} but ${still.join(', ')} is still missing`);
  return { chromium: CHROMIUM, pdftotext: PDFTOTEXT };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const found = ensureChromium();
    console.log(`chromium: ${found.chromium}\npdftotext: ${found.pdftotext}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
