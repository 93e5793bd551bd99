import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  documentContent,
  documentScript,
  inlineScripts,
  loadDocument,
  scriptParts,
} from '../../../remediation/catalog/documents';
import { DocumentError } from '../../../remediation/catalog/errors';

const LIB =
  '# iam: glue:GetJob\nimport boto3\n\n\ndef get_job(glue, name):\n    return glue.get_job(JobName=name)\n\n\n';
const MAIN = '# iam: glue:UpdateJob\ndef handler(events, context):\n    return get_job(None, events)\n';

let dir: string;

/** A document in `dir` whose two script steps use the given `Script:` values (YAML source text). */
function writeDocument(name: string, script: string, verifyScript = script): void {
  writeFileSync(
    join(dir, `${name}.yaml`),
    [
      "schemaVersion: '0.3'",
      'mainSteps:',
      '  - name: Remediate',
      '    action: aws:executeScript',
      '    inputs:',
      '      Runtime: python3.11',
      '      Handler: handler',
      `      Script: ${script}`,
      '  - name: Verify',
      '    action: aws:executeScript',
      '    inputs:',
      '      Runtime: python3.11',
      '      Handler: verify',
      `      Script: ${verifyScript}`,
      '',
    ].join('\n'),
  );
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gg-inline-'));
  mkdirSync(join(dir, 'scripts', 'lib'), { recursive: true });
  writeFileSync(join(dir, 'scripts', 'lib', 'jobs.py'), LIB);
  writeFileSync(join(dir, 'scripts', 'main.py'), MAIN);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('Catalog: !InlineScript', () => {
  it('concatenates a sequence of paths in order, one blank line between, into one script', () => {
    // Prepare
    writeDocument('Doc', '!InlineScript [scripts/lib/jobs.py, scripts/main.py]');
    // Act
    const doc = loadDocument('Doc', dir);
    const content = documentContent('Doc', dir);
    // Assess
    const expected = `${LIB.trimEnd()}\n\n${MAIN}`;
    expect(doc.mainSteps[0]!.inputs.Script).toBe(expected);
    expect(content).not.toContain('!InlineScript');
    expect(parse(content).mainSteps[0].inputs.Script).toBe(expected);
  });

  it('accepts the block sequence form and keeps the scalar form', () => {
    // Prepare
    writeDocument(
      'Doc',
      '!InlineScript\n        - scripts/lib/jobs.py\n        - scripts/main.py',
      '!InlineScript scripts/main.py',
    );
    // Act
    const doc = loadDocument('Doc', dir);
    // Assess
    expect(doc.mainSteps[0]!.inputs.Script).toBe(`${LIB.trimEnd()}\n\n${MAIN}`);
    expect(doc.mainSteps[1]!.inputs.Script).toBe(MAIN);
  });

  it('resolves a one-path sequence to the file verbatim, as the scalar form does', () => {
    // Act / Assess
    expect(inlineScripts(['scripts/main.py'], dir)).toBe(MAIN);
    expect(inlineScripts(['scripts/lib/jobs.py'], dir)).toBe(LIB);
  });

  it('names a missing file, in either form', () => {
    // Prepare
    writeDocument('Seq', '!InlineScript [scripts/lib/jobs.py, scripts/lib/absent.py]');
    writeDocument('Scalar', '!InlineScript scripts/absent.py');
    // Act / Assess
    expect(() => loadDocument('Seq', dir)).toThrow(DocumentError);
    expect(() => loadDocument('Seq', dir)).toThrow(
      /Document 'Seq'.*!InlineScript scripts\/lib\/absent\.py: no such file/,
    );
    expect(() => loadDocument('Scalar', dir)).toThrow(
      /Document 'Scalar'.*!InlineScript scripts\/absent\.py: no such file/,
    );
  });

  it('refuses an entry that is not a path', () => {
    // Prepare
    writeDocument('Number', '!InlineScript [scripts/main.py, 42]');
    writeDocument('Map', '!InlineScript [scripts/main.py, {file: scripts/lib/jobs.py}]');
    writeDocument('Null', '!InlineScript [scripts/main.py, null]');
    // Act / Assess
    expect(() => loadDocument('Number', dir)).toThrow(
      /!InlineScript entry 2 is not a script path \(got number\)/,
    );
    expect(() => loadDocument('Map', dir)).toThrow(
      /!InlineScript entry 2 is not a script path \(got a collection\)/,
    );
    expect(() => loadDocument('Null', dir)).toThrow(
      /!InlineScript entry 2 is not a script path \(got null\)/,
    );
  });

  it('refuses an empty sequence, a path listed twice, a path outside the documents and a mapping', () => {
    // Prepare
    writeDocument('Empty', '!InlineScript []');
    writeDocument('Twice', '!InlineScript [scripts/main.py, ./scripts/main.py]');
    writeDocument('Escape', '!InlineScript [../outside.py]');
    writeDocument('Mapping', '!InlineScript {a: scripts/main.py}');
    // Act / Assess
    expect(() => loadDocument('Empty', dir)).toThrow(/!InlineScript needs at least one path/);
    expect(() => loadDocument('Twice', dir)).toThrow(/!InlineScript lists \.\/scripts\/main\.py twice/);
    expect(() => loadDocument('Escape', dir)).toThrow(/!InlineScript path escapes .*: \.\.\/outside\.py/);
    expect(() => loadDocument('Mapping', dir)).toThrow(
      /!InlineScript takes a path or a sequence of paths, not a mapping/,
    );
  });
});

describe('Catalog: scriptParts', () => {
  it('gives the lines each inlined file occupies in the resolved script, per step', () => {
    // Prepare
    writeDocument(
      'Doc',
      '!InlineScript [scripts/lib/jobs.py, scripts/main.py]',
      '!InlineScript scripts/main.py',
    );
    // Act
    const parts = scriptParts('Doc', dir);
    const lines = documentScript('Doc', 'handler', dir).split('\n');
    // Assess
    expect(parts).toEqual({
      Remediate: [
        { path: 'scripts/lib/jobs.py', firstLine: 1, lastLine: 6 },
        { path: 'scripts/main.py', firstLine: 8, lastLine: 10 },
      ],
      Verify: [{ path: 'scripts/main.py', firstLine: 1, lastLine: 3 }],
    });
    expect(lines.slice(0, 6).join('\n')).toBe(LIB.trimEnd());
    expect(lines[6]).toBe('');
    expect(lines.slice(7, 10).join('\n')).toBe(MAIN.trimEnd());
  });
});

describe('Catalog: documentScript', () => {
  it('returns the resolved script of the step that runs a handler, and names a missing one', () => {
    // Prepare
    writeDocument(
      'Doc',
      '!InlineScript [scripts/lib/jobs.py, scripts/main.py]',
      '!InlineScript scripts/main.py',
    );
    // Act / Assess
    expect(documentScript('Doc', 'handler', dir)).toBe(`${LIB.trimEnd()}\n\n${MAIN}`);
    expect(documentScript('Doc', 'verify', dir)).toBe(MAIN);
    expect(() => documentScript('Doc', 'rollback', dir)).toThrow(
      "Document 'Doc' has no aws:executeScript step with Handler 'rollback'",
    );
  });
});
