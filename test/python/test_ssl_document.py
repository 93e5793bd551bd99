"""EnforceGlueConnectionSsl: an encrypted password decrypted and sent back, Secrets Manager
authentication kept, undecryptable passwords, untyped connections and verification (AWS stubbed)."""

import base64
import json

import enforce_glue_connection_ssl as ssl_doc
import pytest
from conftest import ACCOUNT, body, events
from test_catalog_documents import jdbc

SECRET = f'arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:warehouse-AbCdEf'
BLOB = b'kms-blob'


def named(glue, connection):
    glue.add_response(
        'get_connection',
        {'Connection': connection},
        {'CatalogId': ACCOUNT, 'Name': connection['Name'], 'HidePassword': True},
    )


def test_an_encrypted_password_is_decrypted_and_sent_back_with_the_secret_arn_kept(stubs):
    glue = stubs['glue']
    stored = {
        **jdbc('pg', ENCRYPTED_PASSWORD=base64.b64encode(BLOB).decode()),
        'AuthenticationConfiguration': {'AuthenticationType': 'BASIC', 'SecretArn': SECRET},
    }
    named(glue, stored)
    glue.add_response(
        'get_connection', {'Connection': stored}, {'CatalogId': ACCOUNT, 'Name': 'pg', 'HidePassword': False}
    )
    stubs['kms'].add_response('decrypt', {'Plaintext': b'hunter2'}, {'CiphertextBlob': BLOB})
    update = {
        'Name': 'pg',
        'ConnectionType': 'JDBC',
        'ConnectionProperties': {
            'JDBC_CONNECTION_URL': 'jdbc:postgresql://db:5432/x',
            'USERNAME': 'u',
            'PASSWORD': 'hunter2',
            'JDBC_ENFORCE_SSL': 'true',
        },
        'AuthenticationConfiguration': {'AuthenticationType': 'BASIC', 'SecretArn': SECRET},
    }
    glue.add_response('update_connection', {}, {'CatalogId': ACCOUNT, 'Name': 'pg', 'ConnectionInput': update})
    result = ssl_doc.handler(events(CatalogId=ACCOUNT, ConnectionNames=['pg']), {})
    assert result['Outcome'] == 'REMEDIATED'
    assert 'hunter2' not in json.dumps(result)


def test_a_password_that_is_not_base64_fails_that_connection_only(stubs):
    glue = stubs['glue']
    stored = jdbc('pg', ENCRYPTED_PASSWORD='%%% hunter2 %%%')
    named(glue, stored)
    glue.add_response('get_connection', {'Connection': stored}, None)
    result = ssl_doc.handler(events(CatalogId=ACCOUNT, ConnectionNames=['pg']), {})
    # binascii.Error (a ValueError): named by its type only, never with the value it could not decode.
    assert body(result)['failures'] == [{'resource': 'pg', 'error': 'Updating connection pg failed (Error)'}]
    assert result['Outcome'] == 'FAILED'
    assert 'hunter2' not in json.dumps(result)


def test_an_untyped_connection_with_a_jdbc_url_is_jdbc_and_one_without_is_left_alone(stubs):
    untyped = {'Name': 'u', 'ConnectionProperties': {'JDBC_CONNECTION_URL': 'jdbc:mysql://db/x'}}
    assert ssl_doc._ssl_property(untyped) == 'JDBC_ENFORCE_SSL'
    assert ssl_doc._ssl_property({'Name': 'n', 'ConnectionProperties': {}}) is None
    assert ssl_doc._connection_input(untyped, 'JDBC_ENFORCE_SSL')['ConnectionType'] == 'JDBC'


def test_other_errors_reading_a_named_connection_are_raised(stubs):
    stubs['glue'].add_client_error('get_connection', 'AccessDeniedException', 'denied')
    with pytest.raises(Exception, match='AccessDeniedException'):
        ssl_doc.handler(events(CatalogId=ACCOUNT, ConnectionNames=['pg']), {})


def test_verify_names_connections_without_ssl_except_reported_failures(stubs):
    glue = stubs['glue']
    listing = {'ConnectionList': [jdbc('a'), jdbc('b'), jdbc('c', JDBC_ENFORCE_SSL='true')]}
    glue.add_response('get_connections', listing, None)
    with pytest.raises(AssertionError, match=r'without SSL enforced: a \(JDBC_ENFORCE_SSL\), b \(JDBC_ENFORCE_SSL\)$'):
        ssl_doc.verify(events(CatalogId=ACCOUNT), {})
    glue.add_response('get_connections', listing, None)
    with pytest.raises(AssertionError, match=r'without SSL enforced: b \(JDBC_ENFORCE_SSL\)$'):
        ssl_doc.verify(events(CatalogId=ACCOUNT, Failures=[{'resource': 'a', 'error': 'x'}]), {})
    glue.add_response('get_connections', {'ConnectionList': [jdbc('c', JDBC_ENFORCE_SSL='true')]}, None)
    assert ssl_doc.verify(events(CatalogId=ACCOUNT), {}) == {'Verified': True, 'Checked': 1}


def test_verify_reads_named_connections_only_and_states_the_exact_message(stubs):
    glue = stubs['glue']
    named(glue, jdbc('b'))
    with pytest.raises(AssertionError) as raised:
        ssl_doc.verify(events(CatalogId=ACCOUNT, ConnectionNames='b'), {})
    assert str(raised.value) == 'Database connections still without SSL enforced: b (JDBC_ENFORCE_SSL)'
    named(glue, jdbc('b', JDBC_ENFORCE_SSL=' TRUE '))
    assert ssl_doc.verify(events(CatalogId=ACCOUNT, ConnectionNames=['b']), {}) == {'Verified': True, 'Checked': 1}


def test_verify_does_not_count_connections_reported_as_failed(stubs):
    stubs['glue'].add_response('get_connections', {'ConnectionList': [jdbc('a')]}, None)
    result = ssl_doc.verify(events(CatalogId=ACCOUNT, Failures='[{"resource": "a", "error": "x"}]'), {})
    assert result == {'Verified': True, 'Checked': 0}
