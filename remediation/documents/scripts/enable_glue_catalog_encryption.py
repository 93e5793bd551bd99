# iam: glue:GetDataCatalogEncryptionSettings, glue:PutDataCatalogEncryptionSettings, kms:DescribeKey
"""Encrypts Data Catalog metadata and/or connection passwords with a pinned KMS key.

PutDataCatalogEncryptionSettings replaces both blocks (EncryptionAtRest and
ConnectionPasswordEncryption), so the current settings are read first and every block this run
does not change (out of `Blocks`, or already compliant) is written back exactly as it was.
"""

import boto3

from lib.parameters import flag, name_list
from lib.result import remediation_result

DOCUMENT = 'EnableGlueCatalogEncryption'
KMS_MODES = ('SSE-KMS', 'SSE-KMS-WITH-SERVICE-ROLE')
AT_REST, PASSWORDS = 'EncryptionAtRest', 'ConnectionPasswordEncryption'
# Which blocks a run may change; one document serves the metadata rule and the password rule.
BLOCKS = {'ENCRYPTION_AT_REST': (AT_REST,), 'CONNECTION_PASSWORDS': (PASSWORDS,), 'BOTH': (AT_REST, PASSWORDS)}
# Per block: the switch, its "on" value, and the key field.
SHAPES = {
    AT_REST: ('CatalogEncryptionMode', 'SSE-KMS', 'SseAwsKmsKeyId'),
    PASSWORDS: ('ReturnConnectionPasswordEncrypted', True, 'AwsKmsKeyId'),
}
LABELS = {AT_REST: 'metadata', PASSWORDS: 'connection passwords'}


def _blocks(events):
    value = str(events.get('Blocks') or 'BOTH')
    if value not in BLOCKS:
        raise ValueError(f"Blocks must be ENCRYPTION_AT_REST, CONNECTION_PASSWORDS or BOTH, got '{value}'")
    return BLOCKS[value]


def _read(glue, catalog_id):
    settings = glue.get_data_catalog_encryption_settings(CatalogId=catalog_id)['DataCatalogEncryptionSettings']
    return {
        AT_REST: dict(settings.get(AT_REST) or {'CatalogEncryptionMode': 'DISABLED'}),
        PASSWORDS: dict(settings.get(PASSWORDS) or {'ReturnConnectionPasswordEncrypted': False}),
    }


def _approved(events):
    """The rule's approved keys (its kmsKeyArns); empty means any KMS key is compliant."""
    return set(name_list(events.get('ApprovedKmsKeyArns')))


def _encrypted(block, current):
    switch, _, _ = SHAPES[block]
    if block == AT_REST:
        return current.get(switch) in KMS_MODES
    return current.get(switch) is True


def _plan(block, current, events):
    """The block as this run leaves it; raises when it would stay non-compliant without a change."""
    switch, on, key_field = SHAPES[block]
    key, approved = events['KmsKeyId'], _approved(events)
    if not _encrypted(block, current):
        return {switch: on, key_field: key}
    in_use = current.get(key_field)
    if in_use == key:
        return current
    replace = flag(events.get('ReplaceExistingKey'))
    if not approved and not replace:
        return current  # the rule accepts any KMS key
    if in_use in approved:
        return current
    if not replace:
        raise ValueError(
            f'{block} is encrypted with {in_use or "the AWS managed key"}, which is not in ApprovedKmsKeyArns: '
            'set ReplaceExistingKey to true to replace it'
        )
    # Keep the mode (and the service role of SSE-KMS-WITH-SERVICE-ROLE); only the key moves.
    return {**current, key_field: key}


def _check_key_approved(events):
    approved = _approved(events)
    if approved and events['KmsKeyId'] not in approved:
        raise ValueError(
            f'KmsKeyId {events["KmsKeyId"]} is not in ApprovedKmsKeyArns: the catalog would stay non-compliant'
        )


def _diff(prefix, before, after):
    return [
        {'field': f'{prefix}.{name}', 'before': before.get(name), 'after': after.get(name)}
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    ]


def _result(events, outcome, changes, message):
    account, resource = events.get('AccountId'), events['CatalogId']
    return remediation_result(events, outcome, changes, message, DOCUMENT, account, resource)


def handler(events, context):
    blocks = _blocks(events)
    _check_key_approved(events)
    glue = boto3.client('glue')
    catalog_id = events['CatalogId']
    current = _read(glue, catalog_id)
    # Plan every block before writing: a refused block must not leave the other half-remediated.
    planned = {block: _plan(block, current[block], events) if block in blocks else current[block] for block in current}
    changes = [change for block in (AT_REST, PASSWORDS) for change in _diff(block, current[block], planned[block])]
    if not changes:
        scope = ' and '.join(LABELS[block] for block in blocks)
        return _result(events, 'NO_CHANGE', [], f'Data Catalog {catalog_id}: {scope} already encrypted')
    # Refuse a key that cannot be used: a disabled or missing key would lock the catalog out.
    key = boto3.client('kms').describe_key(KeyId=events['KmsKeyId'])['KeyMetadata']
    if key.get('KeyState') != 'Enabled':
        raise ValueError(f'KMS key {events["KmsKeyId"]} is {key.get("KeyState")}, not Enabled')
    glue.put_data_catalog_encryption_settings(CatalogId=catalog_id, DataCatalogEncryptionSettings=planned)
    fields = ', '.join(change['field'] for change in changes)
    return _result(events, 'REMEDIATED', changes, f'Data Catalog {catalog_id}: set {fields}')


def _off(block, current):
    if block == AT_REST:
        return f'metadata encryption is {current.get("CatalogEncryptionMode")}'
    return 'connection password encryption is off'


def verify(events, context):
    """Each block in `Blocks` encrypted with the requested key, or with one this document keeps."""
    current = _read(boto3.client('glue'), events['CatalogId'])
    approved = _approved(events)
    problems = []
    for block in _blocks(events):
        label, key_field = LABELS[block], SHAPES[block][2]
        if not _encrypted(block, current[block]):
            problems.append(_off(block, current[block]))
        elif approved and current[block].get(key_field) not in approved:
            problems.append(f'{label} is encrypted with a key that is not approved')
        elif _plan(block, current[block], events) != current[block]:
            problems.append(f'{label} is not encrypted with the requested key')
    if problems:
        raise AssertionError(f'Data Catalog {events["CatalogId"]}: ' + '; '.join(problems))
    return {'Verified': True}
