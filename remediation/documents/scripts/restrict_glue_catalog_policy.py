# iam: glue:GetResourcePolicy, glue:PutResourcePolicy, glue:DeleteResourcePolicy
"""Removes the Data Catalog resource policy statements that allow any principal unconditionally.

A statement is removed when it is an Allow to `*`, `{"AWS": "*"}` (or uses NotPrincipal) and no
condition confines it to fixed values of an organisation, account, VPC, VPC endpoint, source ARN
or source IP (the same test as the rule glue-catalog-policy-restricted). Every other statement is
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


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _fixed(kind, value):
    value = str(value).strip()
    if not value:
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
    bits = value.split('/')[1] if '/' in value else None
    if bits is None:
        return True
    return bits.isdigit() and int(bits) >= (32 if ':' in value else 8)


def _restricting(operator, key, values):
    """Negated operators, ...IfExists, ForAllValues: and Null pass requests without the key."""
    kind = RESTRICTING_KEYS.get(key.lower())
    qualifier, _, base = operator.rpartition(':')
    if not kind or qualifier.lower() == 'forallvalues' or base.lower().endswith('ifexists'):
        return False
    values = _as_list(values)
    return base in OPERATORS[kind] and bool(values) and all(_fixed(kind, v) for v in values)


def _public(statement):
    if statement.get('Effect') != 'Allow':
        return False
    if 'NotPrincipal' in statement:
        anyone = True
    else:
        principal = statement.get('Principal')
        anyone = principal == '*' or (isinstance(principal, dict) and '*' in _as_list(principal.get('AWS')))
    if not anyone:
        return False
    condition = statement.get('Condition') or {}
    return not any(
        _restricting(operator, key, values)
        for operator, tests in condition.items()
        if isinstance(tests, dict)
        for key, values in tests.items()
    )


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
    return json.loads(response['PolicyInJson']), response.get('PolicyHash')


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
