import { describe, expect, it } from 'vitest';
import { listDocuments, loadDocument } from '../../../remediation/index';

describe('Documents: what a failure publishes', () => {
  it.each(listDocuments())(
    '%s: a failure after the Remediate step publishes its Changes, a failure of it none',
    (name) => {
      // Prepare
      const doc = loadDocument(name);
      const byName = new Map(doc.mainSteps.map((s) => [s.name, s]));
      const message = (target: string | undefined): string =>
        String(byName.get(String(target).replace(/^step:/, ''))?.inputs?.Message);
      const afterRemediate = doc.mainSteps.slice(doc.mainSteps.findIndex((s) => s.name === 'Remediate') + 1);

      // Act
      const remediateFailure = message(byName.get('Remediate')?.onFailure);
      const laterFailures = afterRemediate.filter((s) => s.onFailure).map((s) => message(s.onFailure));

      // Assess
      expect(remediateFailure).toContain('"changes":[]');
      expect(laterFailures.length).toBeGreaterThan(0);
      for (const text of laterFailures) expect(text).toContain('"changes":{{ Remediate.Changes }}');
    },
  );
});
