"""EnforceGlueConnectionSsl: an encrypted password decrypted and sent back, Secrets Manager
authentication kept, undecryptable passwords, untyped connections and verification (AWS stubbed)."""

import base64
import json

import enforce_glue_connection_ssl as ssl_doc
import pytest
from botocore.stub import ANY
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


# Pinned for mutation testing (issue 11): the literal values a wrong decision or a wrong message would change.

URL = 'jdbc:mysql://db:3306/x'


@pytest.mark.parametrize(
    ('connection_type', 'properties', 'expected'),
    [
        ('JDBC', {'JDBC_CONNECTION_URL': URL}, 'JDBC_ENFORCE_SSL'),
        ('JDBC', {}, 'JDBC_ENFORCE_SSL'),  # JDBC is judged with or without a URL
        ('MYSQL', {'HOST': 'db', 'PORT': '3306'}, 'ENFORCE_SSL'),
        ('mysql', {'HOST': 'db'}, 'ENFORCE_SSL'),  # the type is read case-insensitively
        ('MYSQL', {'JDBC_CONNECTION_URL': URL}, 'JDBC_ENFORCE_SSL'),
        ('MYSQL', {'JDBC_CONNECTION_URL': '  '}, 'ENFORCE_SSL'),  # a blank URL is no URL
        ('SNOWFLAKE', {'JDBC_CONNECTION_URL': URL}, 'JDBC_ENFORCE_SSL'),
        ('SNOWFLAKE', {'HOST': 'db'}, None),  # a database type without TLS option, no URL
        ('NETWORK', {'JDBC_CONNECTION_URL': URL}, None),
        ('KAFKA', {}, None),
        (None, {'JDBC_CONNECTION_URL': URL}, 'JDBC_ENFORCE_SSL'),
        (None, {}, None),
    ],
)
def test_ssl_property_by_type_and_url(connection_type, properties, expected):
    connection = {'Name': 'c', 'ConnectionProperties': properties}
    if connection_type is not None:
        connection['ConnectionType'] = connection_type
    assert ssl_doc._ssl_property(connection) == expected


@pytest.mark.parametrize(
    ('value', 'expected'),
    [('true', True), (' TRUE ', True), ('false', False), ('', False), ('yes', False), (None, False)],
)
def test_only_true_enforces_ssl(value, expected):
    properties = {'HOST': 'db'} if value is None else {'HOST': 'db', 'ENFORCE_SSL': value}
    assert (
        ssl_doc._enforces_ssl({'Name': 'c', 'ConnectionType': 'POSTGRESQL', 'ConnectionProperties': properties})
        is expected
    )


def test_connection_input_copies_every_field_glue_returns_and_drops_a_stale_ciphertext():
    connection = {
        'Name': 'pg',
        'Description': 'warehouse',
        'ConnectionType': 'POSTGRESQL',
        'MatchCriteria': ['m'],
        'ConnectionProperties': {'HOST': 'db', 'PASSWORD': 'p', 'ENCRYPTED_PASSWORD': 'old'},
        'PhysicalConnectionRequirements': {'SubnetId': 'subnet-1', 'SecurityGroupIdList': ['sg-1']},
        'CreationTime': '2026-01-01T00:00:00Z',
        'AuthenticationConfiguration': {'AuthenticationType': 'BASIC', 'SecretArn': SECRET, 'KmsKeyArn': None},
    }
    assert ssl_doc._connection_input(connection, 'ENFORCE_SSL') == {
        'Name': 'pg',
        'Description': 'warehouse',
        'ConnectionType': 'POSTGRESQL',
        'MatchCriteria': ['m'],
        'ConnectionProperties': {'HOST': 'db', 'PASSWORD': 'p', 'ENFORCE_SSL': 'true'},
        'PhysicalConnectionRequirements': {'SubnetId': 'subnet-1', 'SecurityGroupIdList': ['sg-1']},
        'AuthenticationConfiguration': {'AuthenticationType': 'BASIC', 'SecretArn': SECRET},
    }


def test_a_plain_password_is_sent_back_without_asking_kms_even_next_to_a_ciphertext(stubs):
    glue = stubs['glue']
    stored = jdbc('pg', PASSWORD='hunter2', ENCRYPTED_PASSWORD=base64.b64encode(BLOB).decode())
    named(glue, stored)
    glue.add_response('get_connection', {'Connection': stored}, None)
    update = {
        'Name': 'pg',
        'ConnectionType': 'JDBC',
        'ConnectionProperties': {
            'JDBC_CONNECTION_URL': 'jdbc:postgresql://db:5432/x',
            'USERNAME': 'u',
            'PASSWORD': 'hunter2',
            'JDBC_ENFORCE_SSL': 'true',
        },
    }
    glue.add_response('update_connection', {}, {'CatalogId': ACCOUNT, 'Name': 'pg', 'ConnectionInput': update})
    result = ssl_doc.handler(events(CatalogId=ACCOUNT, ConnectionNames=['pg']), {})  # no KMS response queued
    assert result['Outcome'] == 'REMEDIATED'


def test_a_ciphertext_with_characters_outside_base64_is_refused_before_kms(stubs):
    glue = stubs['glue']
    stored = jdbc('pg', ENCRYPTED_PASSWORD='!!!!')  # base64 without validation would read it as b''
    named(glue, stored)
    glue.add_response('get_connection', {'Connection': stored}, None)
    result = ssl_doc.handler(events(CatalogId=ACCOUNT, ConnectionNames=['pg']), {})
    assert body(result)['failures'] == [{'resource': 'pg', 'error': 'Updating connection pg failed (Error)'}]


def listing(glue, *connections):
    glue.add_response(
        'get_connections', {'ConnectionList': list(connections)}, {'CatalogId': CATALOG, 'HidePassword': True}
    )


def with_password(glue, connection):
    glue.add_response(
        'get_connection',
        {'Connection': {**connection, 'ConnectionProperties': {**connection['ConnectionProperties'], 'PASSWORD': 'p'}}},
        {'CatalogId': CATALOG, 'Name': connection['Name'], 'HidePassword': False},
    )


CATALOG = '111122223333'
MYSQL = {'Name': 'c', 'ConnectionType': 'MYSQL', 'ConnectionProperties': {'HOST': 'db', 'PORT': '3306'}}


def test_the_sweep_fixes_past_an_enforcing_connection_records_before_values_and_states_the_message(stubs):
    glue = stubs['glue']
    a = jdbc('a', JDBC_ENFORCE_SSL='false')
    d = jdbc('d')
    listing(glue, d, MYSQL, {'Name': 'net', 'ConnectionType': 'NETWORK'}, jdbc('b', JDBC_ENFORCE_SSL='true'), a)
    with_password(glue, a)
    glue.add_response('update_connection', {}, {'CatalogId': CATALOG, 'Name': 'a', 'ConnectionInput': ANY})
    with_password(glue, MYSQL)
    glue.add_response('update_connection', {}, {'CatalogId': CATALOG, 'Name': 'c', 'ConnectionInput': ANY})
    with_password(glue, d)
    glue.add_client_error('update_connection', 'InvalidInputException', 'bad')
    result = ssl_doc.handler(events(CatalogId=CATALOG, AccountId=ACCOUNT), {})
    assert result['Outcome'] == 'PARTIAL'
    assert body(result) == {
        'document': 'EnforceGlueConnectionSsl',
        'executionId': 'exec-1',
        'accountId': ACCOUNT,
        'region': 'us-east-1',
        'resource': CATALOG,
        'changes': [
            {'field': 'connection/a.ConnectionProperties.JDBC_ENFORCE_SSL', 'before': 'false', 'after': 'true'},
            {'field': 'connection/c.ConnectionProperties.ENFORCE_SSL', 'before': None, 'after': 'true'},
        ],
        'outcome': 'PARTIAL',
        'message': 'SSL enforced on a (JDBC_ENFORCE_SSL), c (ENFORCE_SSL); could not update: d; '
        'no SSL property judged, left alone: net',
        'failures': [{'resource': 'd', 'error': 'Updating connection d failed with InvalidInputException'}],
    }


def test_every_update_failing_is_failed_and_names_no_connection(stubs):
    glue = stubs['glue']
    listing(glue, jdbc('a'), jdbc('b'))
    for name in ('a', 'b'):
        with_password(glue, jdbc(name))
        glue.add_client_error('update_connection', 'AccessDeniedException', 'denied')
    result = ssl_doc.handler(events(CatalogId=CATALOG), {})
    assert result['Outcome'] == 'FAILED'
    assert body(result)['message'] == 'SSL enforced on no connection; could not update: a, b'


def test_no_change_states_how_many_were_judged_and_which_were_skipped(stubs):
    glue = stubs['glue']
    listing(glue, jdbc('a', JDBC_ENFORCE_SSL='true'), {**MYSQL, 'ConnectionProperties': {'ENFORCE_SSL': 'TRUE'}})
    result = ssl_doc.handler(events(CatalogId=CATALOG), {})
    assert result['Outcome'] == 'NO_CHANGE'
    assert body(result)['message'] == 'All 2 database connections already enforce SSL'
    listing(glue, jdbc('a', JDBC_ENFORCE_SSL='true'), {'Name': 'k', 'ConnectionType': 'KAFKA'}, {'Name': 'n'})
    result = ssl_doc.handler(events(CatalogId=CATALOG), {})
    assert (
        body(result)['message']
        == 'All 1 database connections already enforce SSL; no SSL property judged, left alone: k, n'
    )


def test_a_clean_run_states_only_what_was_fixed(stubs):
    glue = stubs['glue']
    listing(glue, MYSQL)
    with_password(glue, MYSQL)
    glue.add_response('update_connection', {}, {'CatalogId': CATALOG, 'Name': 'c', 'ConnectionInput': ANY})
    result = ssl_doc.handler(events(CatalogId=CATALOG), {})
    assert result['Outcome'] == 'REMEDIATED'
    assert body(result)['message'] == 'SSL enforced on c (ENFORCE_SSL)'


class _Glue:
    """get_connection raising what it is given (a stub always names an error code)."""

    def __init__(self, error):
        self.error = error

    def get_connection(self, **kwargs):
        raise self.error


def test_an_error_without_a_code_is_reported_as_unknown():
    from botocore.exceptions import ClientError

    with pytest.raises(ssl_doc.ConnectionUpdateError) as raised:
        ssl_doc._enforce(_Glue(ClientError({}, 'GetConnection')), CATALOG, 'pg', 'JDBC_ENFORCE_SSL')
    assert str(raised.value) == 'Updating connection pg failed with Unknown'
    with pytest.raises(ssl_doc.ConnectionUpdateError) as raised:
        ssl_doc._enforce(_Glue(ClientError({'Error': {}}, 'GetConnection')), CATALOG, 'pg', 'JDBC_ENFORCE_SSL')
    assert str(raised.value) == 'Updating connection pg failed with Unknown'
