import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../../functions/rules/index';
import {
  DOCUMENTS_DIR,
  documentContent,
  listDocuments,
  loadDocument,
} from '../../../remediation/catalog/documents';
import { documentPermissions } from '../../../remediation/catalog/permissions';
import { validateDocuments } from '../../../remediation/validate/index';

const EXAMPLES = join(import.meta.dirname, 'pattern-examples.json');
// Every document under remediation/documents/, including ones added later: nothing is listed by hand.
const names = listDocuments();
// One Python process checks every document against the botocore models.
const findings = validateDocuments(names, { examples: EXAMPLES });

describe('Remediation documents', () => {
  it('are found in remediation/documents/', () => {
    // Assess
    for (const name of names) expect(existsSync(join(DOCUMENTS_DIR, `${name}.yaml`))).toBe(true);
  });

  describe.each(names)('%s', (name) => {
    const f = findings[name]!;

    it('loads with its scripts inlined, and its content reloads to the same document', async () => {
      // Prepare
      const { parse } = await import('yaml');
      // Act
      const doc = loadDocument(name);
      // Assess
      expect(f.load).toEqual([]);
      expect(parse(documentContent(name))).toEqual(doc);
      expect(JSON.stringify(doc)).not.toContain('!InlineScript');
    });

    it('has the required structure and is accepted by the runner', () => {
      expect(f.structure).toEqual([]);
    });

    it('resolves every {{ }} reference to a parameter, an earlier output or a variable', () => {
      expect(f.references).toEqual([]);
    });

    it('verifies every change, has no unreachable step, and publishes to SNS on every exit', () => {
      expect(f.flow).toEqual([]);
    });

    it('calls only APIs and parameters of the botocore model, with required members present', () => {
      expect(f.api).toEqual([]);
      expect(f.prefixes).toEqual([]);
    });

    it("declares in each script's '# iam:' header exactly the boto3 calls the script makes", () => {
      expect(f.scripts).toEqual([]);
    });

    it('has valid and invalid examples for every allowedPattern, and they agree with it', () => {
      expect(f.patterns).toEqual([]);
    });

    it('takes, as a parameter, the resource id of every rule that links it', () => {
      // Prepare
      const linking = rules.filter((r) => r.remediation?.document === name);
      const params = Object.keys(loadDocument(name).parameters ?? {});
      // Assess
      for (const rule of linking) expect(params, rule.id).toContain(rule.remediation!.resourceIdParameter);
    });

    it('needs sns:Publish and at least one other permission', () => {
      // Act
      const permissions = documentPermissions(name);
      // Assess
      expect(permissions).toContain('sns:Publish');
      expect(permissions.length).toBeGreaterThan(1);
    });
  });
});
