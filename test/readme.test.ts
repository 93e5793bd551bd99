import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../functions/rules/index';
import { withRulesTable } from '../scripts/rules-table';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  it('has the rules table generated from the registry (run `npm run readme` to update it)', () => {
    // Assess
    expect(readme).toBe(withRulesTable(readme));
  });

  it('lists every registered rule', () => {
    for (const rule of rules) expect(readme).toContain(`| \`${rule.id}\` |`);
  });

  it('shows the two commands the project promises', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
