import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listDocuments } from '../../../remediation/catalog/documents';
import { README, renderReadme } from '../../../remediation/validate/readme';

describe('remediation/README.md', () => {
  it('documents every document as it stands (regenerate: npx tsx remediation/validate/readme.ts --write)', () => {
    // Prepare
    const current = readFileSync(README, 'utf8');
    // Act
    const fresh = renderReadme(current);
    // Assess
    expect(current).toBe(fresh);
    for (const name of listDocuments()) expect(current).toContain(`### ${name}`);
  });

  it("explains the '# iam:' header convention and the pattern examples table", () => {
    // Prepare
    const current = readFileSync(README, 'utf8');
    // Assess
    expect(current).toContain('# iam: glue:GetConnection');
    expect(current).toContain('test/remediation/validate/pattern-examples.json');
  });
});
