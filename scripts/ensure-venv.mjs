#!/usr/bin/env node
// Creates the project's Python environments, each a no-op when already current (a stamp in the
// venv holds the hash of its requirements file), so npm start, npm test and CI can all call it:
//   .venv        the pinned emulator and tools from requirements.txt;
//   .venv-tools  tools whose dependency trees conflict with moto's pins (checkov), from
//                requirements-tools.txt.
// `node scripts/ensure-venv.mjs .venv` (or `.venv-tools`) sets up only that one.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const environments = [
  { name: '.venv', requirements: 'requirements.txt' },
  { name: '.venv-tools', requirements: 'requirements-tools.txt' },
];
const only = process.argv.slice(2);
const unknown = only.filter((name) => !environments.some((environment) => environment.name === name));
if (unknown.length > 0) {
  console.error(
    `[venv] unknown environment ${unknown.join(', ')}; known: ${environments.map((e) => e.name).join(', ')}`,
  );
  process.exit(2);
}

const basePython = process.env.PYTHON ?? 'python3';
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: root });

for (const { name, requirements } of environments) {
  if (only.length > 0 && !only.includes(name)) continue;
  const venv = join(root, name);
  const python = join(venv, 'bin', 'python');
  const stamp = join(venv, '.requirements.sha256');
  const want = createHash('sha256')
    .update(readFileSync(join(root, requirements)))
    .digest('hex');
  if (existsSync(python) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === want) continue;
  try {
    console.error(`[venv] installing ${name} from ${requirements} (first run only)`);
    if (existsSync(venv)) rmSync(venv, { recursive: true, force: true });
    run(basePython, ['-m', 'venv', venv]);
    run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements]);
    writeFileSync(stamp, `${want}\n`);
    console.error(`[venv] ${name} ready`);
  } catch (error) {
    console.error(`[venv] could not set up ${name} with ${basePython}: ${error.message}`);
    process.exit(1);
  }
}
