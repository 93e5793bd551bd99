# iam: glue:GetDataCatalogEncryptionSettings, glue:PutDataCatalogEncryptionSettings, kms:DescribeKey
"""Encrypts Data Catalog metadata and connection passwords with a pinned KMS key.

PutDataCatalogEncryptionSettings replaces both blocks (EncryptionAtRest and
ConnectionPasswordEncryption), so the current settings are read first and the block that needs
no change is written back exactly as it was.
"""

import boto3

# Inlined before this file by the document: lib/parameters.py (_flag), lib/result.py (_remediation_result).

DOCUMENT = 'EnableGlueCatalogEncryption'
KMS_MODES = ('SSE-KMS', 'SSE-KMS-WITH-SERVICE-ROLE')


def _read(glue, catalog_id):
    settings = glue.get_data_catalog_encryption_settings(CatalogId=catalog_id)['DataCatalogEncryptionSettings']
    at_rest = settings.get('EncryptionAtRest') or {'CatalogEncryptionMode': 'DISABLED'}
    passwords = settings.get('ConnectionPasswordEncryption') or {'ReturnConnectionPasswordEncrypted': False}
    return dict(at_rest), dict(passwords)


def _approved(events):
    keys = events.get('ApprovedKmsKeyArns') or []
    if isinstance(keys, str):
        keys = keys.split(',')
    return {key.strip() for key in keys if key.strip()} | {events['KmsKeyId']}


def _replaceable(current_key, events):
    """An encrypted block keeps its key unless replacement is asked for and the key is not approved."""
    return _flag(events.get('ReplaceExistingKey')) and current_key not in _approved(events)


def _plan_at_rest(at_rest, events):
    key = events['KmsKeyId']
    if at_rest.get('CatalogEncryptionMode') not in KMS_MODES:
        return {'CatalogEncryptionMode': 'SSE-KMS', 'SseAwsKmsKeyId': key}
    if at_rest.get('SseAwsKmsKeyId') == key or not _replaceable(at_rest.get('SseAwsKmsKeyId'), events):
        return at_rest
    # Keep the mode (and the service role of SSE-KMS-WITH-SERVICE-ROLE); only the key moves.
    return {**at_rest, 'SseAwsKmsKeyId': key}


def _plan_passwords(passwords, events):
    key = events['KmsKeyId']
    if passwords.get('ReturnConnectionPasswordEncrypted') is not True:
        return {'ReturnConnectionPasswordEncrypted': True, 'AwsKmsKeyId': key}
    if passwords.get('AwsKmsKeyId') == key or not _replaceable(passwords.get('AwsKmsKeyId'), events):
        return passwords
    return {**passwords, 'AwsKmsKeyId': key}


def _diff(prefix, before, after):
    return [
        {'field': f'{prefix}.{name}', 'before': before.get(name), 'after': after.get(name)}
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    ]


def _result(events, outcome, changes, message):
    account, resource = events.get('AccountId'), events['CatalogId']
    return _remediation_result(events, outcome, changes, message, DOCUMENT, account, resource)


def handler(events, context):
    glue = boto3.client('glue')
    catalog_id = events['CatalogId']
    at_rest, passwords = _read(glue, catalog_id)
    new_at_rest, new_passwords = _plan_at_rest(at_rest, events), _plan_passwords(passwords, events)
    changes = _diff('EncryptionAtRest', at_rest, new_at_rest) + _diff(
        'ConnectionPasswordEncryption', passwords, new_passwords
    )
    if not changes:
        return _result(events, 'NO_CHANGE', [], f'Data Catalog {catalog_id} is already encrypted')
    # Refuse a key that cannot be used: a disabled or missing key would lock the catalog out.
    key = boto3.client('kms').describe_key(KeyId=events['KmsKeyId'])['KeyMetadata']
    if key.get('KeyState') != 'Enabled':
        raise ValueError(f"KMS key {events['KmsKeyId']} is {key.get('KeyState')}, not Enabled")
    glue.put_data_catalog_encryption_settings(
        CatalogId=catalog_id,
        DataCatalogEncryptionSettings={
            'EncryptionAtRest': new_at_rest,
            'ConnectionPasswordEncryption': new_passwords,
        },
    )
    fields = ', '.join(change['field'] for change in changes)
    return _result(events, 'REMEDIATED', changes, f'Data Catalog {catalog_id}: set {fields}')


def verify(events, context):
    """Both blocks encrypted, and each with the requested key unless an existing key was kept."""
    at_rest, passwords = _read(boto3.client('glue'), events['CatalogId'])
    problems = []
    if at_rest.get('CatalogEncryptionMode') not in KMS_MODES:
        problems.append(f"metadata encryption is {at_rest.get('CatalogEncryptionMode')}")
    elif _plan_at_rest(at_rest, events) != at_rest:
        problems.append('metadata is not encrypted with the requested key')
    if passwords.get('ReturnConnectionPasswordEncrypted') is not True:
        problems.append('connection password encryption is off')
    elif _plan_passwords(passwords, events) != passwords:
        problems.append('connection passwords are not encrypted with the requested key')
    if problems:
        raise AssertionError(f"Data Catalog {events['CatalogId']}: " + '; '.join(problems))
    return {'Verified': True}
