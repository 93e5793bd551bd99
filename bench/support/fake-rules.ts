import { defineLookup } from '../../functions/runtime/lookup';
import { bool } from '../../functions/runtime/parameters';
import { defineRule, Frequency, Severity } from '../../functions/runtime/rule';
import { Compliance } from '../../functions/runtime/types';

/** Things a fake resource rule lists; `fail` makes one resource's evaluation throw. */
export interface FakeThing {
  Name: string;
  Good: boolean;
  Fail?: boolean;
}

/** A resource rule over AWS::Glue::Job whose listing is given by the test. */
export function fakeJobRule(things: FakeThing[]) {
  const listThings = defineLookup('listThings', ['glue:GetJobs'], async () => things);
  return defineRule({
    scope: 'resource',
    id: 'glue-fake-thing-good',
    description: 'Fake things are good.',
    control: 'test',
    severity: Severity.LOW,
    resourceType: 'AWS::Glue::Job',
    resourceTypes: ['AWS::Glue::Job'],
    periodic: Frequency.TWENTY_FOUR_HOURS,
    parameters: { strict: bool(false, 'Be strict') },
    iam: ['glue:GetJobs'],
    lookups: { things: listThings },
    async listResources({ lookups }) {
      return (await lookups.things()).map((t) => ({
        resourceType: 'AWS::Glue::Job',
        resourceId: t.Name,
        configuration: t,
      }));
    },
    async evaluate(resource, { params }) {
      const t = resource.configuration as FakeThing;
      if (t.Fail) throw new Error(`cannot judge ${t.Name}`);
      return t.Good && !params.strict
        ? { compliance: Compliance.COMPLIANT, annotation: 'good' }
        : { compliance: Compliance.NON_COMPLIANT, annotation: 'bad' };
    },
  });
}

/** An account rule whose verdict is given by the test. */
export function fakeAccountRule(compliant: boolean) {
  return defineRule({
    scope: 'account',
    id: 'glue-fake-account-good',
    description: 'The account is good.',
    control: 'test',
    severity: Severity.LOW,
    periodic: Frequency.ONE_HOUR,
    parameters: {},
    iam: [],
    lookups: {},
    async evaluate() {
      return compliant
        ? { compliance: Compliance.COMPLIANT, annotation: 'fine' }
        : { compliance: Compliance.NON_COMPLIANT, annotation: 'not fine', offenders: ['x'] };
    },
  });
}
