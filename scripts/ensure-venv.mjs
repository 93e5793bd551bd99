#!/usr/bin/env node
// Creates .venv with the pinned emulator and tools from requirements.txt. A no-op when .venv
// already matches requirements.txt (a stamp holds the file's hash), so npm start, npm test and
// CI can all call it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const venv = join(root, '.venv');
const python = join(venv, 'bin', 'python');
const stamp = join(venv, '.requirements.sha256');
const requirements = readFileSync(join(root, 'requirements.txt'));
const want = createHash('sha256').update(requirements).digest('hex');

if (existsSync(python) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === want) {
  process.exit(0);
}

const basePython = process.env.PYTHON ?? 'python3';
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: root });
try {
  console.error(`[venv] installing ${join('.venv')} from requirements.txt (first run only)`);
  if (existsSync(venv)) rmSync(venv, { recursive: true, force: true });
  run(basePython, ['-m', 'venv', venv]);
  run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', 'requirements.txt']);
  writeFileSync(stamp, `${want}\n`);
  console.error('[venv] ready');
} catch (error) {
  console.error(`[venv] could not set up the Python environment with ${basePython}: ${error.message}`);
  process.exit(1);
}
