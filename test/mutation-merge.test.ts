import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeSlice, withStableTestIds } from '../scripts/mutation-merge.mjs';

// `npm run mutation` merges each slice's Stryker report into stryker/incremental.json (issue 11).
// Stryker numbers each run's tests from "0": the merge must keep every file's coverage pointing at
// the right tests across runs, and store short ids (the file is committed).
function report(testFile: string, names: string[], file: string, status: string) {
  return {
    schemaVersion: '2',
    thresholds: { high: 90, low: 80 },
    files: {
      [file]: {
        language: 'typescript',
        source: 'export const x = 1;\n',
        mutants: [
          {
            id: '0',
            mutatorName: 'BooleanLiteral',
            replacement: 'false',
            status,
            coveredBy: names.map((_, i) => String(i)),
            killedBy: status === 'Killed' ? ['1'] : [],
            location: { start: { line: 1, column: 1 }, end: { line: 1, column: 5 } },
          },
        ],
      },
    },
    testFiles: { [testFile]: { tests: names.map((name, i) => ({ id: String(i), name })) } },
  };
}

describe('scripts/mutation-merge.mjs', () => {
  it("keeps each slice's coverage on its own tests, though both runs numbered their tests from 0", () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'mutation-merge-'));
    const combined = join(dir, 'incremental.json');
    const first = join(dir, 'first.json');
    const second = join(dir, 'second.json');
    writeFileSync(first, JSON.stringify(report('test/a.test.ts', ['a one', 'a two'], 'src/a.ts', 'Killed')));
    writeFileSync(second, JSON.stringify(report('test/b.test.ts', ['b one'], 'src/b.ts', 'Survived')));
    // Act
    expect(mergeSlice(combined, first, { owns: (f) => f === 'src/a.ts' })).toBe(1);
    expect(mergeSlice(combined, second, { owns: (f) => f === 'src/b.ts' })).toBe(1);
    // Assess: read back through the stable `<test file>#<name>` ids.
    const text = readFileSync(combined, 'utf8');
    const back = withStableTestIds(JSON.parse(text));
    expect(back.files['src/a.ts']?.mutants[0]).toMatchObject({
      status: 'Killed',
      coveredBy: ['test/a.test.ts#a one', 'test/a.test.ts#a two'],
      killedBy: ['test/a.test.ts#a two'],
    });
    expect(back.files['src/b.ts']?.mutants[0]).toMatchObject({
      status: 'Survived',
      coveredBy: ['test/b.test.ts#b one'],
      killedBy: [],
    });
    // Stored ids are 8 hex digits, not the long stable names; one mutant a line.
    const stored = JSON.parse(text);
    const ids = Object.values(stored.testFiles as Record<string, { tests: { id: string }[] }>).flatMap((e) =>
      e.tests.map((t) => t.id),
    );
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(text).not.toContain('test/a.test.ts#');
    expect(text.split('\n').filter((line) => line.includes('"mutatorName"'))).toHaveLength(2);
  });

  it('does not take a file the slice does not own, and keeps the earlier results of that file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mutation-merge-'));
    const combined = join(dir, 'incremental.json');
    const owned = join(dir, 'owned.json');
    const stale = join(dir, 'stale.json');
    writeFileSync(owned, JSON.stringify(report('test/a.test.ts', ['a one', 'a two'], 'src/a.ts', 'Killed')));
    writeFileSync(
      stale,
      JSON.stringify(report('test/a.test.ts', ['a one', 'a two'], 'src/a.ts', 'Survived')),
    );
    mergeSlice(combined, owned);
    expect(mergeSlice(combined, stale, { owns: (f) => f === 'src/other.ts' })).toBe(0);
    const back = withStableTestIds(JSON.parse(readFileSync(combined, 'utf8')));
    expect(back.files['src/a.ts']?.mutants[0]?.status).toBe('Killed');
  });
});
