import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../../cli/main';
import { captureConsole } from '../support/console';

const repoRoot = join(import.meta.dirname, '..', '..');
const io = captureConsole();

describe('CLI: top level', () => {
  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(await main(['--version'])).toBe(0);
    expect(io.stdout).toEqual([version]);
  });

  it('lists every command with its one-line summary', async () => {
    expect(await main(['--help'])).toBe(0);
    const lines = io.stdout.join('\n').split('\n');
    for (const [name, command] of Object.entries(COMMANDS)) {
      expect(command.summary).not.toMatch(/\n/);
      expect(
        lines.some(
          (line) => /^ {2}\S/.test(line) && line.trim().replace(/ +/, ' ') === `${name} ${command.summary}`,
        ),
        name,
      ).toBe(true);
    }
  });

  it('registers every module in cli/commands/, and each exports run() and usage', async () => {
    const modules = readdirSync(join(repoRoot, 'cli', 'commands'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(COMMANDS).sort()).toEqual(modules);
    for (const [name, command] of Object.entries(COMMANDS)) {
      const mod = await command.load();
      expect(typeof mod.run, name).toBe('function');
      expect(mod.usage, name).toMatch(new RegExp(`^Usage: glue-guardrails ${name}\\b`));
    }
  }, 60_000);

  it('prints a command usage with --help, without running it', async () => {
    expect(await main(['emulator', '--help'])).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/^Usage: glue-guardrails emulator/);
  });

  it('rejects an unknown command with the help and exit code 2', async () => {
    expect(await main(['scna'])).toBe(2);
    expect(io.stderr.join('\n')).toContain("Unknown command 'scna'");
  });
});
