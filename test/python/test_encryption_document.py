"""EnableGlueCatalogEncryption: key replacement keeps SSE-KMS-WITH-SERVICE-ROLE and its role, refusals,
no change, and verification (AWS stubbed)."""

import enable_glue_catalog_encryption as encryption_doc
import pytest
from conftest import ACCOUNT, body, events
from test_catalog_documents import KEY, OTHER_KEY, settings

ROLE = f'arn:aws:iam::{ACCOUNT}:role/CatalogKms'
WITH_ROLE = {'CatalogEncryptionMode': 'SSE-KMS-WITH-SERVICE-ROLE', 'SseAwsKmsKeyId': OTHER_KEY}
WITH_ROLE['CatalogEncryptionServiceRole'] = ROLE
PASSWORDS_ON = {'ReturnConnectionPasswordEncrypted': True, 'AwsKmsKeyId': KEY}


def read(stubs, at_rest=None, passwords=None):
    stubs['glue'].add_response(
        'get_data_catalog_encryption_settings', settings(at_rest, passwords), {'CatalogId': ACCOUNT}
    )


def test_replacing_the_key_keeps_the_service_role_mode_and_its_role(stubs):
    read(stubs, WITH_ROLE, PASSWORDS_ON)
    stubs['kms'].add_response('describe_key', {'KeyMetadata': {'KeyId': KEY, 'KeyState': 'Enabled'}}, {'KeyId': KEY})
    planned = {'EncryptionAtRest': {**WITH_ROLE, 'SseAwsKmsKeyId': KEY}, 'ConnectionPasswordEncryption': PASSWORDS_ON}
    stubs['glue'].add_response(
        'put_data_catalog_encryption_settings', {}, {'CatalogId': ACCOUNT, 'DataCatalogEncryptionSettings': planned}
    )
    result = encryption_doc.handler(
        events(CatalogId=ACCOUNT, KmsKeyId=KEY, ApprovedKmsKeyArns=[KEY], ReplaceExistingKey='true'), {}
    )
    assert body(result)['changes'] == [{'field': 'EncryptionAtRest.SseAwsKmsKeyId', 'before': OTHER_KEY, 'after': KEY}]


def test_no_change_when_both_blocks_use_the_key_or_an_approved_one(stubs):
    read(stubs, {'CatalogEncryptionMode': 'SSE-KMS', 'SseAwsKmsKeyId': OTHER_KEY}, PASSWORDS_ON)
    result = encryption_doc.handler(events(CatalogId=ACCOUNT, KmsKeyId=KEY, ApprovedKmsKeyArns=[KEY, OTHER_KEY]), {})
    assert result['Outcome'] == 'NO_CHANGE'
    assert body(result)['message'] == f'Data Catalog {ACCOUNT}: metadata and connection passwords already encrypted'


def test_refuses_an_unknown_block_and_an_unapproved_key(stubs):
    with pytest.raises(ValueError, match="Blocks must be ENCRYPTION_AT_REST, CONNECTION_PASSWORDS or BOTH, got 'ALL'"):
        encryption_doc.handler(events(CatalogId=ACCOUNT, KmsKeyId=KEY, Blocks='ALL'), {})
    with pytest.raises(ValueError, match='is not in ApprovedKmsKeyArns: the catalog would stay non-compliant'):
        encryption_doc.handler(events(CatalogId=ACCOUNT, KmsKeyId=KEY, ApprovedKmsKeyArns=[OTHER_KEY]), {})


def test_verify_names_each_block_that_is_off_unapproved_or_on_another_key(stubs):
    read(stubs)
    with pytest.raises(AssertionError, match='metadata encryption is DISABLED; connection password encryption is off'):
        encryption_doc.verify(events(CatalogId=ACCOUNT, KmsKeyId=KEY), {})
    read(stubs, {'CatalogEncryptionMode': 'SSE-KMS', 'SseAwsKmsKeyId': OTHER_KEY}, PASSWORDS_ON)
    with pytest.raises(AssertionError, match=r'metadata is encrypted with a key that is not approved$'):
        encryption_doc.verify(events(CatalogId=ACCOUNT, KmsKeyId=KEY, ApprovedKmsKeyArns=[KEY]), {})
    read(stubs, {'CatalogEncryptionMode': 'SSE-KMS', 'SseAwsKmsKeyId': OTHER_KEY}, PASSWORDS_ON)
    with pytest.raises(AssertionError, match=r'metadata is not encrypted with the requested key$'):
        encryption_doc.verify(events(CatalogId=ACCOUNT, KmsKeyId=KEY, ReplaceExistingKey=True), {})
    read(stubs, {'CatalogEncryptionMode': 'SSE-KMS', 'SseAwsKmsKeyId': KEY}, PASSWORDS_ON)
    assert encryption_doc.verify(events(CatalogId=ACCOUNT, KmsKeyId=KEY), {}) == {'Verified': True}


# Pinned for mutation testing (issue 11): the literal values a wrong decision or a wrong message would change.


def enabled_key(stubs):
    stubs['kms'].add_response('describe_key', {'KeyMetadata': {'KeyId': KEY, 'KeyState': 'Enabled'}}, {'KeyId': KEY})


def test_a_block_glue_does_not_return_is_written_back_off_and_the_other_switched_on(stubs):
    # A catalog never configured may return one block only; the other is written back as off.
    stubs['glue'].add_response(
        'get_data_catalog_encryption_settings',
        {
            'DataCatalogEncryptionSettings': {
                'ConnectionPasswordEncryption': {'ReturnConnectionPasswordEncrypted': False}
            }
        },
        {'CatalogId': ACCOUNT},
    )
    enabled_key(stubs)
    planned = {
        'EncryptionAtRest': {'CatalogEncryptionMode': 'DISABLED'},
        'ConnectionPasswordEncryption': {'ReturnConnectionPasswordEncrypted': True, 'AwsKmsKeyId': KEY},
    }
    stubs['glue'].add_response(
        'put_data_catalog_encryption_settings', {}, {'CatalogId': ACCOUNT, 'DataCatalogEncryptionSettings': planned}
    )
    result = encryption_doc.handler(
        events(CatalogId=ACCOUNT, AccountId='444455556666', KmsKeyId=KEY, Blocks='CONNECTION_PASSWORDS'), {}
    )
    assert body(result) == {
        'document': 'EnableGlueCatalogEncryption',
        'executionId': 'exec-1',
        'accountId': '444455556666',
        'region': 'us-east-1',
        'resource': ACCOUNT,
        'changes': [
            {'field': 'ConnectionPasswordEncryption.AwsKmsKeyId', 'before': None, 'after': KEY},
            {'field': 'ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted', 'before': False, 'after': True},
        ],
        'outcome': 'REMEDIATED',
        'message': f'Data Catalog {ACCOUNT}: set ConnectionPasswordEncryption.AwsKmsKeyId, '
        'ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted',
    }


def test_a_missing_password_block_is_written_back_off(stubs):
    stubs['glue'].add_response(
        'get_data_catalog_encryption_settings',
        {'DataCatalogEncryptionSettings': {'EncryptionAtRest': {'CatalogEncryptionMode': 'DISABLED'}}},
        {'CatalogId': ACCOUNT},
    )
    enabled_key(stubs)
    planned = {
        'EncryptionAtRest': {'CatalogEncryptionMode': 'SSE-KMS', 'SseAwsKmsKeyId': KEY},
        'ConnectionPasswordEncryption': {'ReturnConnectionPasswordEncrypted': False},
    }
    stubs['glue'].add_response(
        'put_data_catalog_encryption_settings', {}, {'CatalogId': ACCOUNT, 'DataCatalogEncryptionSettings': planned}
    )
    result = encryption_doc.handler(events(CatalogId=ACCOUNT, KmsKeyId=KEY, Blocks='ENCRYPTION_AT_REST'), {})
    assert body(result)['message'] == (
        f'Data Catalog {ACCOUNT}: set EncryptionAtRest.CatalogEncryptionMode, EncryptionAtRest.SseAwsKmsKeyId'
    )


def test_no_change_records_an_empty_change_list(stubs):
    read(stubs, {'CatalogEncryptionMode': 'SSE-KMS', 'SseAwsKmsKeyId': KEY}, PASSWORDS_ON)
    result = encryption_doc.handler(events(CatalogId=ACCOUNT, KmsKeyId=KEY, Blocks='ENCRYPTION_AT_REST'), {})
    assert body(result)['changes'] == []
    assert result['Changes'] == '[]'
    assert body(result)['message'] == f'Data Catalog {ACCOUNT}: metadata already encrypted'


def test_an_unapproved_aws_managed_key_is_named_as_such(stubs):
    read(stubs, {'CatalogEncryptionMode': 'SSE-KMS'}, PASSWORDS_ON)
    with pytest.raises(ValueError) as raised:
        encryption_doc.handler(events(CatalogId=ACCOUNT, KmsKeyId=KEY, ApprovedKmsKeyArns=[KEY]), {})
    assert str(raised.value) == (
        'EncryptionAtRest is encrypted with the AWS managed key, which is not in ApprovedKmsKeyArns: '
        'set ReplaceExistingKey to true to replace it'
    )
