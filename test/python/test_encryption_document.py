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
