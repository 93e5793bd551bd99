// `npm run readme`: regenerates every generated section of both READMEs (README.md: rules and
// documents tables; remediation/README.md: the documents section) and of docs/frameworks.md. test/readme.test.ts fails when
// one is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../infra/bundle';
import { README as REMEDIATION_README, renderReadme } from '../remediation/validate/readme';
import { FRAMEWORKS_DOC, withFrameworkTables } from './frameworks-table';
import { README as ROOT_README, withRulesTable } from './rules-table';

/** A README with generated sections, and how to bring them up to date. */
export interface GeneratedReadme {
  file: string;
  render(current: string): string;
}

export const GENERATED_READMES: readonly GeneratedReadme[] = [
  { file: ROOT_README, render: withRulesTable },
  { file: REMEDIATION_README, render: renderReadme },
  { file: FRAMEWORKS_DOC, render: withFrameworkTables },
];

/** Rewrites every stale README; returns the repo-relative paths it changed. */
export function regenerateReadmes(readmes: readonly GeneratedReadme[] = GENERATED_READMES): string[] {
  const changed: string[] = [];
  for (const { file, render } of readmes) {
    const before = readFileSync(file, 'utf8');
    const after = render(before);
    if (after === before) continue;
    writeFileSync(file, after);
    changed.push(relative(REPO_ROOT, file));
  }
  return changed;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const changed = regenerateReadmes();
  console.log(changed.length === 0 ? 'READMEs are up to date' : `Updated: ${changed.join(', ')}`);
}
