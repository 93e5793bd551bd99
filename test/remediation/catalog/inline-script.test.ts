import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  documentContent,
  documentScript,
  loadDocument,
  scriptParts,
} from '../../../remediation/catalog/documents';
import { DocumentError } from '../../../remediation/catalog/errors';
import { inlineScript } from '../../../remediation/catalog/inline';

const LIB =
  '# iam: glue:GetJob\nimport boto3\n\n\ndef get_job(glue, name):\n    return glue.get_job(JobName=name)\n\n\n';
const MAIN =
  '# iam: glue:UpdateJob\nfrom lib.jobs import get_job\n\n\ndef handler(events, context):\n    return get_job(None, events)\n';
/** MAIN as inlined: its import kept as a comment, so it keeps its line count. */
const MAIN_INLINED = MAIN.replace('from lib.jobs', '# inlined: from lib.jobs');

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

function writeScript(path: string, text: string): void {
  writeFileSync(join(dir, 'scripts', path), text);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gg-inline-'));
  mkdirSync(join(dir, 'scripts', 'lib'), { recursive: true });
  writeScript('lib/jobs.py', LIB);
  writeScript('main.py', MAIN);
  writeScript('plain.py', '# iam: glue:GetJob\ndef verify(events, context):\n    return {}\n');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('Catalog: !InlineScript', () => {
  it('puts the lib module a script imports before it, one blank line between, the import kept as a comment', () => {
    // Prepare
    writeDocument('Doc', '!InlineScript scripts/main.py');
    // Act
    const doc = loadDocument('Doc', dir);
    const content = documentContent('Doc', dir);
    // Assess
    const expected = `${LIB.trimEnd()}\n\n${MAIN_INLINED}`;
    expect(doc.mainSteps[0]!.inputs.Script).toBe(expected);
    expect(content).not.toContain('!InlineScript');
    expect(parse(content).mainSteps[0].inputs.Script).toBe(expected);
  });

  it('keeps a script without lib imports verbatim', () => {
    // Act / Assess
    expect(inlineScript('scripts/plain.py', dir)).toBe(
      '# iam: glue:GetJob\ndef verify(events, context):\n    return {}\n',
    );
  });

  it('inlines lib modules that import lib modules, each once, dependencies first; parenthesized imports too', () => {
    // Prepare
    writeScript('lib/base.py', 'def base():\n    return 1\n');
    writeScript('lib/mid.py', 'from lib.base import base\n\n\ndef mid():\n    return base() + 1\n');
    writeScript(
      'top.py',
      'from lib.base import base\nfrom lib.mid import (\n    mid,  # the middle one\n)\n\n\ndef handler(e, c):\n    return base() + mid()\n',
    );
    // Act
    const script = inlineScript('scripts/top.py', dir);
    // Assess
    expect(script).toBe(
      [
        'def base():\n    return 1',
        '',
        '# inlined: from lib.base import base\n\n\ndef mid():\n    return base() + 1',
        '',
        '# inlined: from lib.base import base\n# inlined: from lib.mid import (\n# inlined:     mid,  # the middle one\n# inlined: )\n\n\ndef handler(e, c):\n    return base() + mid()\n',
      ].join('\n'),
    );
  });

  it('refuses import forms it cannot inline, naming the file, the line and the form to write', () => {
    // Prepare
    const cases: Array<[string, RegExp]> = [
      [
        'import lib.jobs\n',
        /scripts\/bad\.py:1: 'import lib\.jobs' cannot be inlined: write 'from lib\.<module> import <name>, \.\.\.'/,
      ],
      ['import json, lib\n', /scripts\/bad\.py:1: 'import json, lib' cannot be inlined/],
      ['from lib import jobs\n', /scripts\/bad\.py:1: 'from lib import jobs' cannot be inlined/],
      ['from .jobs import get_job\n', /'from \.jobs import get_job' cannot be inlined/],
      [
        'def f():\n    from lib.jobs import get_job\n',
        /scripts\/bad\.py:2: .* \(only top-level imports are inlined\)/,
      ],
      ['from lib.jobs import *\n', /scripts\/bad\.py:1: 'import \*' cannot be inlined/],
      [
        'from lib.jobs import get_job as g\n',
        /'get_job as g' cannot be inlined \(an alias would rebind a shared name\)/,
      ],
      [
        'from lib.jobs import \\\n    get_job\n',
        /a backslash continuation cannot be inlined: use parentheses/,
      ],
      ['from lib.jobs import (\n    get_job,\n', /the parenthesized import is never closed/],
      [
        'from lib.jobs import put_job\n',
        /scripts\/bad\.py:1: scripts\/lib\/jobs\.py defines no top-level 'put_job'/,
      ],
      ['from lib.absent import x\n', /scripts\/bad\.py:1: no module scripts\/lib\/absent\.py to inline/],
      [
        'from lib.jobs import get_job\n\n\ndef get_job():\n    pass\n',
        /scripts\/bad\.py and scripts\/lib\/jobs\.py both define 'get_job'/,
      ],
    ];
    for (const [text, error] of cases) {
      writeScript('bad.py', text);
      // Act / Assess
      expect(() => inlineScript('scripts/bad.py', dir), text).toThrow(error);
    }
  });

  it('refuses an import cycle between lib modules', () => {
    // Prepare
    writeScript('lib/a.py', 'from lib.b import b\n\n\ndef a():\n    return b()\n');
    writeScript('lib/b.py', 'from lib.a import a\n\n\ndef b():\n    return a()\n');
    writeScript('cycle.py', 'from lib.a import a\n');
    // Act / Assess
    expect(() => inlineScript('scripts/cycle.py', dir)).toThrow(
      /import cycle scripts\/lib\/a\.py -> scripts\/lib\/b\.py -> scripts\/lib\/a\.py/,
    );
  });

  it('names a missing file and a failing import as a load error of the document', () => {
    // Prepare
    writeDocument('Missing', '!InlineScript scripts/absent.py');
    writeScript('bad.py', 'import lib.jobs\n');
    writeDocument('Bad', '!InlineScript scripts/bad.py');
    // Act / Assess
    expect(() => loadDocument('Missing', dir)).toThrow(DocumentError);
    expect(() => loadDocument('Missing', dir)).toThrow(
      /Document 'Missing'.*!InlineScript scripts\/absent\.py: no such file/,
    );
    expect(() => loadDocument('Bad', dir)).toThrow(
      /Document 'Bad'.*scripts\/bad\.py:1: 'import lib\.jobs' cannot be inlined/,
    );
  });

  it('refuses a sequence, a mapping and a path outside the documents', () => {
    // Prepare
    writeDocument('Sequence', '!InlineScript [scripts/lib/jobs.py, scripts/main.py]');
    writeDocument('Mapping', '!InlineScript {a: scripts/main.py}');
    writeDocument('Escape', '!InlineScript ../outside.py');
    // Act / Assess
    expect(() => loadDocument('Sequence', dir)).toThrow(
      /!InlineScript takes one script path, not a sequence: the script imports the lib modules it uses/,
    );
    expect(() => loadDocument('Mapping', dir)).toThrow(/!InlineScript takes one script path, not a mapping/);
    expect(() => loadDocument('Escape', dir)).toThrow(/!InlineScript path escapes .*: \.\.\/outside\.py/);
  });
});

describe('Catalog: scriptParts', () => {
  it('gives the lines each inlined file occupies in the resolved script, per step', () => {
    // Prepare
    writeDocument('Doc', '!InlineScript scripts/main.py', '!InlineScript scripts/plain.py');
    // Act
    const parts = scriptParts('Doc', dir);
    const lines = documentScript('Doc', 'handler', dir).split('\n');
    // Assess
    expect(parts).toEqual({
      Remediate: [
        { path: 'scripts/lib/jobs.py', firstLine: 1, lastLine: 6 },
        { path: 'scripts/main.py', firstLine: 8, lastLine: 13 },
      ],
      Verify: [{ path: 'scripts/plain.py', firstLine: 1, lastLine: 3 }],
    });
    expect(lines.slice(0, 6).join('\n')).toBe(LIB.trimEnd());
    expect(lines[6]).toBe('');
    expect(lines.slice(7, 13).join('\n')).toBe(MAIN_INLINED.trimEnd());
  });
});

describe('Catalog: documentScript', () => {
  it('returns the resolved script of the step that runs a handler, and names a missing one', () => {
    // Prepare
    writeDocument('Doc', '!InlineScript scripts/main.py', '!InlineScript scripts/plain.py');
    // Act / Assess
    expect(documentScript('Doc', 'handler', dir)).toBe(`${LIB.trimEnd()}\n\n${MAIN_INLINED}`);
    expect(documentScript('Doc', 'verify', dir)).toContain('def verify');
    expect(() => documentScript('Doc', 'rollback', dir)).toThrow(
      "Document 'Doc' has no aws:executeScript step with Handler 'rollback'",
    );
  });
});
