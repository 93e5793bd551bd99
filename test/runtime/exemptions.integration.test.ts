import { Logger } from '@aws-lambda-powertools/logger';
import { CreateJobCommand, GlueClient } from '@aws-sdk/client-glue';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { type FakeThing, fakeJobRule } from '../../bench/support/fake-rules';
import { createInbox } from '../../cli/demo/inbox';
import { mintResultToken, readStoredEvaluations } from '../../emulator/config-service';
import type { AwsContext } from '../../functions/runtime/aws';
import { exemptionTagKey, InvalidExemptionError } from '../../functions/runtime/exemptions';
import { exemptionsFromEnv, toHandler } from '../../functions/runtime/handler';
import { defineRule, Frequency, Severity } from '../../functions/runtime/rule';
import { Compliance } from '../../functions/runtime/types';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';
import { changeEvent, glueJobItem, scheduledEvent } from '../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });
const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const RESOURCE_RULE = 'glue-fake-thing-good';
const ACCOUNT_RULE = 'glue-fake-offenders';
let pathSeq = 0;

/** Writes exemption chunks as the stack does, returns the path; each test gets its own. */
async function writeExemptions(aws: AwsContext, rule: string, chunks: unknown[][]): Promise<string> {
  pathSeq += 1;
  const path = `/glue-guardrails/exemptions/t${pathSeq}-${rule}`;
  for (const [i, chunk] of chunks.entries()) {
    await aws.client(SSMClient).send(
      new PutParameterCommand({
        Name: `${path}/${String(i).padStart(3, '0')}`,
        Value: JSON.stringify(chunk),
        Type: 'String',
        Tier: 'Standard',
      }),
    );
  }
  return path;
}

const entry = (rule: string, resourceId: string, expires: string, approver = 'cro@example.com') => ({
  rule,
  resourceId,
  reason: `Accepted risk for ${resourceId}`,
  approver,
  expires,
});

function offenderRule(offenders: string[]) {
  return defineRule({
    scope: 'account',
    id: ACCOUNT_RULE,
    description: 'Connections enforce SSL.',
    control: 'test',
    severity: Severity.HIGH,
    periodic: Frequency.ONE_HOUR,
    parameters: {},
    iam: [],
    lookups: {},
    async evaluate() {
      return {
        compliance: Compliance.NON_COMPLIANT,
        annotation: `${offenders.length} of 4 connections do not enforce SSL`,
        offenders,
      };
    },
  });
}

const bad = (...names: string[]): FakeThing[] => names.map((Name) => ({ Name, Good: false }));

describe('Runtime: exemptions read from SSM by the handler', () => {
  it('makes an exempt resource NOT_APPLICABLE and evaluates one whose exemption expired, saying so', async () => {
    // Prepare
    const aws = emulatorAws(emulator);
    const path = await writeExemptions(aws, RESOURCE_RULE, [
      [entry(RESOURCE_RULE, 'job-a', day(30))],
      [entry(RESOURCE_RULE, 'job-b', day(-1), 'risk.board')],
    ]);
    const rule = fakeJobRule(bad('job-a', 'job-b', 'job-c'));
    const handler = toHandler(rule, {
      aws,
      logger,
      exemptions: (a) => exemptionsFromEnv(rule, a, { GLUE_GUARDRAILS_EXEMPTIONS_PATH: path }),
    });

    // Act
    await handler(
      scheduledEvent({ configRuleName: RESOURCE_RULE, resultToken: mintResultToken(RESOURCE_RULE) }),
    );

    // Assess
    const stored = new Map(
      (await readStoredEvaluations(emulator.endpoint, RESOURCE_RULE)).map((e) => [e.ComplianceResourceId, e]),
    );
    expect(stored.get('job-a')).toMatchObject({
      ComplianceType: 'NOT_APPLICABLE',
      Annotation: `Exempt until ${day(30)}, approved by cro@example.com (deployment): Accepted risk for job-a`,
    });
    expect(stored.get('job-b')).toMatchObject({
      ComplianceType: 'NON_COMPLIANT',
      Annotation: `Exemption expired ${day(-1)} (approved by risk.board). bad`,
    });
    expect(stored.get('job-c')).toMatchObject({ ComplianceType: 'NON_COMPLIANT', Annotation: 'bad' });
  });

  it('fails the invocation, naming the parameter, when a stored list is malformed', async () => {
    // Prepare
    const aws = emulatorAws(emulator);
    const path = await writeExemptions(aws, RESOURCE_RULE, [[{ rule: RESOURCE_RULE, resourceId: 'x' }]]);
    const rule = fakeJobRule(bad('x'));

    // Act
    const read = exemptionsFromEnv(rule, aws, { GLUE_GUARDRAILS_EXEMPTIONS_PATH: path });

    // Assess
    await expect(read).rejects.toBeInstanceOf(InvalidExemptionError);
    await expect(read).rejects.toThrow(`${path}/000[0] (${RESOURCE_RULE} / x): reason must be a string`);
  });

  it('honours an exemption tag on a change trigger only where the deployment allows tag exemptions', async () => {
    // Prepare
    const aws = emulatorAws(emulator);
    const rule = fakeJobRule([]);
    const item = {
      ...glueJobItem({ Name: 'tagged-job', Good: false }),
      tags: { [exemptionTagKey(RESOURCE_RULE)]: `${day(10)}/data.owner/Migrating in January` },
    };
    const run = async (allowed: boolean) => {
      const result = await toHandler(rule, {
        aws,
        logger,
        exemptions: (a) =>
          exemptionsFromEnv(rule, a, { GLUE_GUARDRAILS_TAG_EXEMPTIONS: allowed ? 'true' : 'false' }),
      })(changeEvent(item, { configRuleName: RESOURCE_RULE, resultToken: mintResultToken(RESOURCE_RULE) }));
      return result.run.verdicts[0]?.verdict;
    };

    // Act
    const allowed = await run(true);
    const denied = await run(false);

    // Assess
    expect(allowed).toMatchObject({
      compliance: 'NOT_APPLICABLE',
      annotation: `Exempt until ${day(10)}, approved by data.owner (tag): Migrating in January`,
    });
    expect(allowed?.exemptions?.[0]).toMatchObject({
      source: 'tag',
      status: 'active',
      resourceId: 'tagged-job',
    });
    expect(denied).toMatchObject({
      compliance: 'NON_COMPLIANT',
      annotation: `tag ${exemptionTagKey(RESOURCE_RULE)} ignored: this deployment does not allow tag exemptions for ${RESOURCE_RULE}. bad`,
    });
  });

  it('reads a swept job’s exemption tag with glue:GetTags when tags may exempt', async () => {
    // Prepare: a real job carrying the tag; the fake rule lists it without its tags.
    const aws = emulatorAws(emulator);
    await aws.client(GlueClient).send(
      new CreateJobCommand({
        Name: 'swept-tagged-job',
        Role: 'arn:aws:iam::123456789012:role/AWSGlueServiceRole-x',
        Command: { Name: 'glueetl', ScriptLocation: 's3://b/s.py' },
        Tags: { [exemptionTagKey(RESOURCE_RULE)]: `${day(5)}/ann/Sweep path` },
      }),
    );
    const rule = fakeJobRule(bad('swept-tagged-job'));
    const handler = (allowed: boolean) =>
      toHandler(rule, {
        aws,
        logger,
        exemptions: (a) => exemptionsFromEnv(rule, a, { GLUE_GUARDRAILS_TAG_EXEMPTIONS: String(allowed) }),
      });
    const event = () =>
      scheduledEvent({ configRuleName: RESOURCE_RULE, resultToken: mintResultToken(RESOURCE_RULE) });

    // Act
    const allowed = (await handler(true)(event())).run.verdicts[0]?.verdict;
    const denied = (await handler(false)(event())).run.verdicts[0]?.verdict;

    // Assess
    expect(allowed?.compliance).toBe('NOT_APPLICABLE');
    expect(allowed?.annotation).toBe(`Exempt until ${day(5)}, approved by ann (tag): Sweep path`);
    // Without the setting no tag is read at all, so the resource is judged as usual.
    expect(denied).toEqual({ compliance: 'NON_COMPLIANT', annotation: 'bad' });
  });

  it('leaves exempt offenders out of an account verdict and its alert, and lists them and the expired ones', async () => {
    // Prepare
    const aws = emulatorAws(emulator);
    const inbox = await createInbox(aws);
    const rule = offenderRule(['conn-a (no SSL)', 'conn-b (no SSL)', 'conn-c (no SSL)']);
    const path = await writeExemptions(aws, ACCOUNT_RULE, [
      [entry(ACCOUNT_RULE, 'conn-a', day(60)), entry(ACCOUNT_RULE, 'conn-b', day(-3))],
    ]);

    // Act
    const result = await toHandler(rule, {
      aws,
      logger,
      alertTopicArn: inbox.topicArn,
      exemptions: (a) => exemptionsFromEnv(rule, a, { GLUE_GUARDRAILS_EXEMPTIONS_PATH: path }),
    })(scheduledEvent({ configRuleName: ACCOUNT_RULE, resultToken: mintResultToken(ACCOUNT_RULE) }));

    // Assess
    const verdict = result.run.verdicts[0]?.verdict;
    expect(verdict?.compliance).toBe('NON_COMPLIANT');
    expect(verdict?.offenders).toEqual(['conn-b (no SSL)', 'conn-c (no SSL)']);
    expect(verdict?.annotation).toBe(
      '2 offender(s) not exempt (1 exempt, exemption expired for conn-b): conn-b (no SSL), conn-c (no SSL)',
    );
    const [alert, ...rest] = await inbox.drain();
    expect(rest).toEqual([]);
    expect(alert?.subject).toBe('[glue-guardrails] glue-fake-offenders: 2 offenders in 123456789012');
    expect(alert?.message).toContain(
      [
        'Exempt, left out of the offenders (1):',
        `  - conn-a: until ${day(60)}, approved by cro@example.com (deployment): Accepted risk for conn-a`,
        '',
        'Exemption expired, evaluated as usual (1):',
        `  - conn-b: expired ${day(-3)}, approved by cro@example.com (deployment): Accepted risk for conn-b`,
        '',
        'Offenders (2):',
        '  - conn-b (no SSL)',
        '  - conn-c (no SSL)',
      ].join('\n'),
    );
  });

  it('reports an account whose every offender is exempt NOT_APPLICABLE and sends no alert', async () => {
    // Prepare
    const aws = emulatorAws(emulator);
    const inbox = await createInbox(aws);
    const rule = offenderRule(['conn-a (no SSL)']);
    const path = await writeExemptions(aws, ACCOUNT_RULE, [[entry(ACCOUNT_RULE, 'conn-a', day(60))]]);

    // Act
    const result = await toHandler(rule, {
      aws,
      logger,
      alertTopicArn: inbox.topicArn,
      exemptions: (a) => exemptionsFromEnv(rule, a, { GLUE_GUARDRAILS_EXEMPTIONS_PATH: path }),
    })(scheduledEvent({ configRuleName: ACCOUNT_RULE, resultToken: mintResultToken(ACCOUNT_RULE) }));

    // Assess
    expect(result.run.verdicts[0]?.verdict).toMatchObject({
      compliance: 'NOT_APPLICABLE',
      annotation: `Every offender is exempt (1): conn-a until ${day(60)}`,
    });
    expect(await inbox.drain({ waitSeconds: 0 })).toEqual([]);
  });

  it('exempts a whole account when an exemption names the account id', async () => {
    // Prepare
    const aws = emulatorAws(emulator);
    const rule = offenderRule(['conn-a (no SSL)']);
    const path = await writeExemptions(aws, ACCOUNT_RULE, [[entry(ACCOUNT_RULE, '123456789012', day(7))]]);

    // Act
    const result = await toHandler(rule, {
      aws,
      logger,
      exemptions: (a) => exemptionsFromEnv(rule, a, { GLUE_GUARDRAILS_EXEMPTIONS_PATH: path }),
    })(scheduledEvent({ configRuleName: ACCOUNT_RULE, resultToken: mintResultToken(ACCOUNT_RULE) }));

    // Assess
    expect(result.run.verdicts[0]?.verdict.compliance).toBe('NOT_APPLICABLE');
    expect(result.run.verdicts[0]?.verdict.annotation).toContain(`Exempt until ${day(7)}`);
  });
});
