# iam: glue:GetResourcePolicy, glue:PutResourcePolicy, glue:DeleteResourcePolicy
"""Removes the Data Catalog resource policy statements that allow any principal unconditionally.

A statement is removed when it is an Allow to `*`, `{"AWS": "*"}` (or uses NotPrincipal) and no
condition confines it to fixed values of an organisation, account, VPC, VPC endpoint, source ARN
or source IP (the same test as the rule glue-catalog-policy-restricted): a wildcard or a policy
variable (`${aws:PrincipalAccount}`) is not a fixed value, and source IPs confine only when every
value is a valid address or CIDR block and together they cover at most a /8's worth of IPv4
(a /32's worth of IPv6). A policy that repeats a member name is refused, not rewritten. Every other statement is
kept as written. The write is conditioned on the hash of the policy that was read, so a concurrent
change makes it fail instead of being overwritten; the policy is deleted only when nothing remains.
"""

import json
import re

import boto3
from botocore.exceptions import ClientError

from lib.result import remediation_result

DOCUMENT = 'RestrictGlueCatalogPolicy'
# Context key (lower case) -> how a fixed value looks. Context key names are not case-sensitive.
RESTRICTING_KEYS = {
    'aws:sourcevpce': 'id',
    'aws:sourcevpc': 'id',
    'aws:principalorgid': 'id',
    'aws:sourceorgid': 'id',
    'aws:principalaccount': 'id',
    'aws:sourceaccount': 'id',
    'aws:sourceowner': 'id',
    'aws:principalorgpaths': 'orgPath',
    'aws:sourceorgpaths': 'orgPath',
    'aws:principalarn': 'arn',
    'aws:sourcearn': 'arn',
    'aws:sourceip': 'ip',
}
STRING_OPERATORS = {'StringEquals', 'StringEqualsIgnoreCase', 'StringLike'}
OPERATORS = {
    'id': STRING_OPERATORS,
    'orgPath': STRING_OPERATORS,
    'arn': {'ArnEquals', 'ArnLike'} | STRING_OPERATORS,
    'ip': {'IpAddress'},
}
WILDCARD = re.compile(r'[*?]')
# `${...}` other than the literal escapes `${*}`, `${?}`, `${$}`: replaced by the request's own value.
LITERAL_ESCAPES = re.compile(r'\$\{[*?$]\}')
POLICY_VARIABLE = re.compile(r'\$\{[^}]*\}')
DECIMAL = re.compile(r'(0|[1-9][0-9]{0,2})')
HEX_GROUP = re.compile(r'[0-9a-fA-F]{1,4}')
# Our threshold, as the rule's: more addresses than a /8 (IPv4) or a /32 (IPv6) confine nothing.
MAX_CONFINING_ADDRESSES = {4: 1 << 24, 6: 1 << 96}


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _loads(text):
    """json.loads that refuses an object repeating a member name (IAM refuses it; json keeps the last)."""

    def pairs(items):
        out = {}
        for key, value in items:
            if key in out:
                raise ValueError(f"policy repeats the key '{key}'")
            out[key] = value
        return out

    return json.loads(text, object_pairs_hook=pairs)


def _policy_variable(value):
    return bool(POLICY_VARIABLE.search(LITERAL_ESCAPES.sub('', value)))


def _ipv4(text):
    parts = text.split('.')
    if len(parts) != 4 or not all(DECIMAL.fullmatch(p) and int(p) <= 255 for p in parts):
        return None
    n = 0
    for p in parts:
        n = (n << 8) | int(p)
    return n


def _groups(text):
    if text == '':
        return []
    out = []
    parts = text.split(':')
    for i, part in enumerate(parts):
        if i == len(parts) - 1 and '.' in part:
            v4 = _ipv4(part)
            if v4 is None:
                return None
            out += [v4 >> 16, v4 & 0xFFFF]
        elif HEX_GROUP.fullmatch(part):
            out.append(int(part, 16))
        else:
            return None
    return out


def _ipv6(text):
    halves = text.split('::')
    if len(halves) > 2:
        return None
    head = _groups(halves[0])
    tail = _groups(halves[1]) if len(halves) == 2 else []
    if head is None or tail is None:
        return None
    missing = 8 - len(head) - len(tail)
    if (missing < 1) if len(halves) == 2 else (missing != 0):
        return None
    n = 0
    for g in head + [0] * missing + tail:
        n = (n << 16) | g
    return n


def _ip_range(value):
    """(version, first, last) of an address or CIDR block, or None unless it is exactly one."""
    text = str(value).strip()
    address, slash, prefix_text = text.partition('/')
    version = 6 if ':' in address else 4
    n = _ipv6(address) if version == 6 else _ipv4(address)
    if n is None:
        return None
    width = 32 if version == 4 else 128
    prefix = width
    if slash:
        if not DECIMAL.fullmatch(prefix_text) or int(prefix_text) > width:
            return None
        prefix = int(prefix_text)
    size = 1 << (width - prefix)
    first = (n // size) * size
    return version, first, first + size - 1


def _ips_confine(values):
    ranges = [_ip_range(v) for v in values]
    if not ranges or any(r is None for r in ranges):
        return False
    for version, limit in MAX_CONFINING_ADDRESSES.items():
        total, end = 0, -1
        for _, first, last in sorted(r for r in ranges if r[0] == version):
            if last > end:
                total += last - max(first, end + 1) + 1
                end = last
        if total > limit:
            return False
    return True


def _fixed(kind, value):
    value = str(value).strip()
    if not value or _policy_variable(value):
        return False
    if kind == 'id':
        return not WILDCARD.search(value)
    if kind == 'orgPath':
        org = value.split('/')[0]
        return bool(org) and not WILDCARD.search(org)
    if kind == 'arn':
        fields = value.split(':')
        if len(fields) < 6 or fields[0] != 'arn':
            return False
        return not WILDCARD.search(value) if fields[4] == '' else bool(re.fullmatch(r'\d{12}', fields[4]))
    return False


def _restricting(operator, key, values):
    """Negated operators, ...IfExists, ForAllValues: and Null pass requests without the key.

    `key` is lower case and `values` holds every value given for it under `operator`.
    """
    kind = RESTRICTING_KEYS.get(key.lower())
    qualifier, colon, base = operator.partition(':')
    if not colon:
        qualifier, base = '', operator
    if not kind or qualifier.lower() not in ('', 'foranyvalue') or base.lower().endswith('ifexists'):
        return False
    values = _as_list(values)
    if base not in OPERATORS[kind]:
        return False
    if kind == 'ip':
        return _ips_confine(values)
    return bool(values) and all(_fixed(kind, v) for v in values)


def _condition_tests(condition):
    """(operator, lower-case key, values) per test; keys differing only in case are one key."""
    for operator, tests in condition.items():
        merged = {}
        for key, values in tests.items() if isinstance(tests, dict) else []:
            merged.setdefault(str(key).lower(), []).extend(_as_list(values))
        for key, values in merged.items():
            yield operator, key, values


def _public(statement):
    if statement.get('Effect') != 'Allow':
        return False
    if 'NotPrincipal' in statement:
        anyone = True
    else:
        principal = statement.get('Principal')
        aws = [v for k, v in principal.items() if str(k).lower() == 'aws'] if isinstance(principal, dict) else []
        anyone = principal == '*' or any(str(a).strip() == '*' for v in aws for a in _as_list(v))
    if not anyone:
        return False
    condition = statement.get('Condition') or {}
    if not isinstance(condition, dict):
        return True
    return not any(_restricting(operator, key, values) for operator, key, values in _condition_tests(condition))


def _label(statement, index):
    return statement.get('Sid') or f'Statement[{index}]'


def _catalog_arn(events):
    partition = boto3.session.Session().get_partition_for_region(events['Region'])
    return f'arn:{partition}:glue:{events["Region"]}:{events["CatalogId"]}:catalog'


def _read(glue, arn):
    try:
        response = glue.get_resource_policy(ResourceArn=arn)
    except ClientError as error:
        if error.response['Error']['Code'] == 'EntityNotFoundException':
            return None, None
        raise
    if not response.get('PolicyInJson'):
        return None, None
    return _loads(response['PolicyInJson']), response.get('PolicyHash')


def _result(events, outcome, changes, message):
    account, resource = events.get('AccountId'), events['CatalogId']
    return remediation_result(events, outcome, changes, message, DOCUMENT, account, resource)


def handler(events, context):
    glue = boto3.client('glue')
    arn = _catalog_arn(events)
    policy, policy_hash = _read(glue, arn)
    if policy is None:
        return _result(events, 'NO_CHANGE', [], 'The Data Catalog has no resource policy')
    statements = _as_list(policy.get('Statement'))
    removed = [(i, s) for i, s in enumerate(statements) if _public(s)]
    if not removed:
        return _result(events, 'NO_CHANGE', [], 'No statement allows any principal without a restricting condition')
    kept = [s for s in statements if not _public(s)]
    changes = [{'field': f'Statement/{_label(s, i)}', 'before': s, 'after': None} for i, s in removed]
    labels = ', '.join(_label(s, i) for i, s in removed)
    if kept:
        glue.put_resource_policy(
            PolicyInJson=json.dumps({**policy, 'Statement': kept}),
            ResourceArn=arn,
            PolicyHashCondition=policy_hash,
            PolicyExistsCondition='MUST_EXIST',
            EnableHybrid=events.get('EnableHybrid') or 'FALSE',
        )
        return _result(events, 'REMEDIATED', changes, f'Removed {labels}; kept {len(kept)} statements')
    glue.delete_resource_policy(ResourceArn=arn, PolicyHashCondition=policy_hash)
    return _result(events, 'REMEDIATED', changes, f'Removed {labels}; no statement remained, policy deleted')


def verify(events, context):
    policy, _ = _read(boto3.client('glue'), _catalog_arn(events))
    statements = _as_list((policy or {}).get('Statement'))
    open_ones = [_label(s, i) for i, s in enumerate(statements) if _public(s)]
    if open_ones:
        raise AssertionError('Statements still allow any principal: ' + ', '.join(open_ones))
    return {'Verified': True}
