import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inlineScript, inlineScriptParts, type ScriptPart } from '../../../remediation/catalog/inline';
import type { AutomationDocument } from '../../../remediation/catalog/types';
import { validateDocuments } from '../../../remediation/validate/index';
import { checkAgainstModels } from '../../../remediation/validate/model';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const EXAMPLES = join(import.meta.dirname, 'pattern-examples.json');

describe('Static validation of documents', () => {
  // Prepare / Act (shared): one Python run for both fixtures, as in the real suite.
  const findings = validateDocuments(['FixtureSetJobDescription', 'FixtureInvalid'], {
    dir: FIXTURES,
    examples: EXAMPLES,
  });

  it('passes a document that follows every convention', () => {
    // Assess
    expect(findings.FixtureSetJobDescription).toEqual({
      load: [],
      structure: [],
      references: [],
      flow: [],
      patterns: [],
      api: [],
      scripts: [],
      prefixes: [],
    });
  });

  it('reports structure problems: heading, assumeRole, role parameter, missing allowedPattern', () => {
    // Assess
    const structure = findings.FixtureInvalid!.structure.join('\n');
    expect(structure).toContain("description must start with a Markdown heading naming 'FixtureInvalid'");
    expect(structure).toContain("assumeRole must be '{{ AutomationAssumeRole }}'");
    expect(structure).toContain('AutomationAssumeRole String parameter is missing');
    expect(structure).toContain("String parameter 'JobName' has no allowedPattern");
  });

  it('reports references to later steps and outputs that do not exist', () => {
    // Assess
    expect(findings.FixtureInvalid!.references).toEqual([
      "Step 'Change': '{{ Later.Value }}' names no output of an earlier step",
      "Document output 'Missing.Output' names no step output",
    ]);
  });

  it('reports unreachable steps, unverified changes and exits without SNS', () => {
    // Assess
    const flow = findings.FixtureInvalid!.flow;
    expect(flow).toContain("Step 'Orphan' is unreachable");
    expect(flow).toContain("Change step 'Change' is not followed by a verification step on every path");
    expect(flow).toContain("Step 'Later' ends the execution without publishing to SNS");
    expect(flow).toContain(
      "Step 'ReadJob' aborts on failure without publishing (onFailure: step:<publish step>)",
    );
  });

  it('checks Service, Api, parameter names and selectors against the botocore model', () => {
    // Assess
    const api = findings.FixtureInvalid!.api.join('\n');
    expect(api).toMatch(/Step 'ReadJob': GetJob\.Nonsense: not a member of GetJobRequest/);
    expect(api).toMatch(/Step 'ReadJob': GetJob output: selector '\$\.Job\.Rolle': 'Rolle' is not in Job/);
    expect(api).toContain(
      "Step 'Change': UpdateJob: required member 'JobName' of UpdateJobRequest is missing",
    );
    expect(api).toContain("Step 'Change': UpdateJob.JobUpdate.Timeout: expected an integer");
    expect(api).toContain("Step 'Orphan': glue has no API 'FetchJob'");
  });

  it("cross-checks a script's '# iam:' header against the boto3 calls it makes", () => {
    // Assess
    expect(findings.FixtureInvalid!.scripts).toEqual([
      "Step 'Later': line 6: glue.frobnicate() is not a glue API",
      "Step 'Later': the script calls glue:UpdateJob but its '# iam:' header omits them",
      "Step 'Later': '# iam:' declares glue:GetJob, glue:DeleteJob but the script never calls them",
    ]);
  });

  it('requires anchored patterns with valid and invalid examples', () => {
    // Assess
    expect(findings.FixtureInvalid!.patterns).toEqual([
      'Loose: allowedPattern must be anchored with ^ and $',
      'Loose: pattern-examples.json needs valid and invalid examples for FixtureInvalid.Loose',
    ]);
  });

  it('rejects examples that contradict the pattern', () => {
    // Prepare
    const table = {
      FixtureSetJobDescription: {
        JobName: { valid: ['ok', 'not ok'], invalid: ['fine'] },
        Gone: { valid: ['x'], invalid: ['y'] },
      },
    };
    // Act
    const result = validateDocuments(['FixtureSetJobDescription'], { dir: FIXTURES, examples: table });
    // Assess
    expect(result.FixtureSetJobDescription!.patterns).toEqual(
      expect.arrayContaining([
        "JobName: valid example 'not ok' is rejected",
        "JobName: invalid example 'fine' is accepted",
        'pattern-examples.json has a stale entry FixtureSetJobDescription.Gone (no such parameter with a pattern)',
        'Description: pattern-examples.json needs valid and invalid examples for FixtureSetJobDescription.Description',
      ]),
    );
  });
});

const LIBS = ['fixture_jobs.py', 'fixture_undeclared.py', 'fixture_unused.py', 'fixture_overclaims.py'];

/**
 * A one-step document running fixture_describe_job.py importing `lib` (in a copy of the fixture
 * scripts), inlined as the loader does.
 */
function withLib(lib: string, dir: string): { doc: AutomationDocument; parts: Record<string, ScriptPart[]> } {
  const script = readFileSync(join(FIXTURES, 'scripts', 'fixture_describe_job.py'), 'utf8');
  mkdirSync(join(dir, 'scripts', 'lib'), { recursive: true });
  copyFileSync(join(FIXTURES, 'scripts', 'lib', lib), join(dir, 'scripts', 'lib', lib));
  const path = `scripts/describe_${lib}`;
  writeFileSync(join(dir, path), script.replace('lib.fixture_jobs', `lib.${lib.replace(/\.py$/, '')}`));
  const step = {
    name: 'Describe',
    action: 'aws:executeScript',
    inputs: { Runtime: 'python3.11', Handler: 'handler', Script: inlineScript(path, dir) },
  };
  return {
    doc: { schemaVersion: '0.3', mainSteps: [step] } as AutomationDocument,
    parts: { Describe: inlineScriptParts(path, dir) },
  };
}

describe("Static validation of scripts inlined with their lib modules ('# iam:' cross-check)", () => {
  // Prepare / Act (shared): one Python run for every document.
  const dir = mkdtempSync(join(tmpdir(), 'gg-validate-'));
  const built = LIBS.map((lib) => [lib, withLib(lib, dir)] as const);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const findings = checkAgainstModels(
    Object.fromEntries(built.map(([lib, b]) => [lib, b.doc])),
    Object.fromEntries(built.map(([lib, b]) => [lib, b.parts])),
  );

  it('accepts calls split between files when each file declares the calls it makes', () => {
    // Assess
    expect(findings['fixture_jobs.py']).toEqual({ api: [], scripts: [], prefixes: [] });
  });

  it('reports a lib call that no header declares', () => {
    // Assess
    expect(findings['fixture_undeclared.py']!.scripts).toEqual([
      "Step 'Describe': the script calls glue:GetJob but its '# iam:' header omits them",
      "Step 'Describe': scripts/lib/fixture_undeclared.py calls glue:GetJob but its own '# iam:' header omits them",
    ]);
  });

  it('reports an action a lib header declares but nothing calls', () => {
    // Assess
    expect(findings['fixture_unused.py']!.scripts).toEqual([
      "Step 'Describe': '# iam:' declares glue:DeleteJob but the script never calls them",
      "Step 'Describe': scripts/lib/fixture_unused.py declares glue:DeleteJob in '# iam:' but never calls them itself",
    ]);
  });

  it('reports a file declaring a call another file makes, though the union of headers covers it', () => {
    // Assess
    expect(findings['fixture_overclaims.py']!.scripts).toEqual([
      "Step 'Describe': scripts/lib/fixture_overclaims.py declares glue:UpdateJob in '# iam:' but never calls them itself",
    ]);
  });
});

describe('Static validation: no template inside a Script', () => {
  it("refuses a document whose Script contains '{{' (the runner would interpolate it into code)", () => {
    // Prepare / Act
    const findings = validateDocuments(['FixtureScriptTemplate'], {
      dir: join(FIXTURES, 'script-template'),
      examples: {},
    });

    // Assess
    expect(findings.FixtureScriptTemplate!.load).toEqual([]);
    expect(findings.FixtureScriptTemplate!.structure).toContain(
      "Step 'Describe': Script contains '{{', which would interpolate input into code; pass values through InputPayload",
    );
  });
});
