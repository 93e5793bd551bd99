"""The catalog, connection and crawler documents' scripts and publish_and_fail: what each changes,
keeps and refuses (AWS stubbed with botocore's Stubber)."""

import json

import attach_glue_crawler_security_configuration as crawler_doc
import boto3
import enable_glue_catalog_encryption as encryption_doc
import enforce_glue_connection_ssl as ssl_doc
import publish_and_fail
import pytest
import restrict_glue_catalog_policy as policy_doc
from botocore.stub import ANY
from conftest import ACCOUNT, body, events

CATALOG_ARN = f'arn:aws:glue:us-east-1:{ACCOUNT}:catalog'
KEY = f'arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab'
OTHER_KEY = f'arn:aws:kms:us-east-1:{ACCOUNT}:key/99999999-12ab-34cd-56ef-1234567890ab'
OPEN = {'Sid': 'Open', 'Effect': 'Allow', 'Principal': '*', 'Action': 'glue:*', 'Resource': '*'}
ACCOUNT_ONLY = {
    'Sid': 'Account',
    'Effect': 'Allow',
    'Principal': {'AWS': f'arn:aws:iam::{ACCOUNT}:root'},
    'Action': 'glue:GetTable',
    'Resource': '*',
}


def policy(*statements):
    return {'PolicyInJson': json.dumps({'Version': '2012-10-17', 'Statement': list(statements)}), 'PolicyHash': 'h1'}


def test_restrict_removes_the_open_statement_and_keeps_the_others(stubs):
    stubs['glue'].add_response('get_resource_policy', policy(OPEN, ACCOUNT_ONLY), {'ResourceArn': CATALOG_ARN})
    kept = json.dumps({'Version': '2012-10-17', 'Statement': [ACCOUNT_ONLY]})
    expected = {
        'PolicyInJson': kept,
        'ResourceArn': CATALOG_ARN,
        'PolicyHashCondition': 'h1',
        'PolicyExistsCondition': 'MUST_EXIST',
        'EnableHybrid': 'FALSE',
    }
    stubs['glue'].add_response('put_resource_policy', {'PolicyHash': 'h2'}, expected)
    result = policy_doc.handler(events(CatalogId=ACCOUNT), {})
    assert result['Outcome'] == 'REMEDIATED'
    assert [change['before'] for change in body(result)['changes']] == [OPEN]


def test_restrict_deletes_the_policy_when_nothing_remains(stubs):
    stubs['glue'].add_response('get_resource_policy', policy(OPEN), {'ResourceArn': CATALOG_ARN})
    stubs['glue'].add_response('delete_resource_policy', {}, {'ResourceArn': CATALOG_ARN, 'PolicyHashCondition': 'h1'})
    assert policy_doc.handler(events(CatalogId=ACCOUNT), {})['Outcome'] == 'REMEDIATED'


def test_restrict_changes_nothing_without_an_open_statement_or_a_policy(stubs):
    stubs['glue'].add_response('get_resource_policy', policy(ACCOUNT_ONLY), {'ResourceArn': CATALOG_ARN})
    assert policy_doc.handler(events(CatalogId=ACCOUNT), {})['Outcome'] == 'NO_CHANGE'
    stubs['glue'].add_client_error('get_resource_policy', 'EntityNotFoundException', 'none')
    assert policy_doc.handler(events(CatalogId=ACCOUNT), {})['Outcome'] == 'NO_CHANGE'


def test_restrict_verify_fails_while_an_open_statement_remains(stubs):
    stubs['glue'].add_response('get_resource_policy', policy(ACCOUNT_ONLY, OPEN), {'ResourceArn': CATALOG_ARN})
    with pytest.raises(AssertionError, match='Statements still allow any principal: Open'):
        policy_doc.verify(events(CatalogId=ACCOUNT), {})


def jdbc(name, **props):
    return {
        'Name': name,
        'ConnectionType': 'JDBC',
        'ConnectionProperties': {'JDBC_CONNECTION_URL': 'jdbc:postgresql://db:5432/x', 'USERNAME': 'u', **props},
    }


def test_ssl_enforces_on_a_named_connection_keeping_its_password(stubs):
    glue = stubs['glue']
    glue.add_response(
        'get_connection',
        {'Connection': jdbc('pg')},
        {'CatalogId': ACCOUNT, 'Name': 'pg', 'HidePassword': True},
    )
    glue.add_response(
        'get_connection',
        {'Connection': jdbc('pg', PASSWORD='hunter2')},
        {'CatalogId': ACCOUNT, 'Name': 'pg', 'HidePassword': False},
    )
    glue.add_response('update_connection', {}, {'CatalogId': ACCOUNT, 'Name': 'pg', 'ConnectionInput': ANY})
    result = ssl_doc.handler(events(CatalogId=ACCOUNT, ConnectionNames='pg'), {})
    assert result['Outcome'] == 'REMEDIATED'
    assert body(result)['changes'] == [
        {'field': 'connection/pg.ConnectionProperties.JDBC_ENFORCE_SSL', 'before': None, 'after': 'true'}
    ]
    assert 'hunter2' not in json.dumps(result)


def test_ssl_connection_input_keeps_every_property_and_adds_ssl():
    update = ssl_doc._connection_input(jdbc('pg', PASSWORD='p'), 'JDBC_ENFORCE_SSL')
    assert update['ConnectionProperties']['PASSWORD'] == 'p'
    assert update['ConnectionProperties']['USERNAME'] == 'u'
    assert update['ConnectionProperties']['JDBC_ENFORCE_SSL'] == 'true'


def test_ssl_leaves_connections_it_cannot_judge_and_refuses_a_missing_name(stubs):
    glue = stubs['glue']
    glue.add_response(
        'get_connections',
        {'ConnectionList': [jdbc('ok', JDBC_ENFORCE_SSL='TRUE'), {'Name': 'net', 'ConnectionType': 'NETWORK'}]},
        {'CatalogId': ACCOUNT, 'HidePassword': True},
    )
    result = ssl_doc.handler(events(CatalogId=ACCOUNT), {})
    assert result['Outcome'] == 'NO_CHANGE'
    assert body(result)['message'].endswith('left alone: net')
    glue.add_client_error('get_connection', 'EntityNotFoundException', 'none')
    with pytest.raises(ValueError, match='Connection gone does not exist'):
        ssl_doc.handler(events(CatalogId=ACCOUNT, ConnectionNames='gone'), {})


def test_ssl_reports_a_failed_update_by_code_only_and_still_fixes_the_others(stubs):
    glue = stubs['glue']
    glue.add_response(
        'get_connections', {'ConnectionList': [jdbc('a'), jdbc('b')]}, {'CatalogId': ACCOUNT, 'HidePassword': True}
    )
    glue.add_response('get_connection', {'Connection': jdbc('a', PASSWORD='s3cret')}, None)
    glue.add_client_error('update_connection', 'AccessDeniedException', 'denied for password s3cret')
    glue.add_response('get_connection', {'Connection': jdbc('b', PASSWORD='s3cret')}, None)
    glue.add_response('update_connection', {}, None)
    result = ssl_doc.handler(events(CatalogId=ACCOUNT), {})
    assert result['Outcome'] == 'PARTIAL'
    assert json.loads(result['Failures']) == [
        {'resource': 'a', 'error': 'Updating connection a failed with AccessDeniedException'}
    ]
    assert 's3cret' not in json.dumps(result)


def secure_configuration(s3='SSE-KMS'):
    return {
        'SecurityConfiguration': {
            'Name': 'secure',
            'EncryptionConfiguration': {
                'S3Encryption': [{'S3EncryptionMode': s3, 'KmsKeyArn': KEY}],
                'CloudWatchEncryption': {'CloudWatchEncryptionMode': 'SSE-KMS', 'KmsKeyArn': KEY},
                'JobBookmarksEncryption': {'JobBookmarksEncryptionMode': 'CSE-KMS', 'KmsKeyArn': KEY},
            },
        }
    }


def crawler_events(**values):
    return events(**{'ExecutingAccountId': ACCOUNT, 'SecurityConfigurationName': 'secure', **values})


def test_crawler_attaches_to_named_crawlers_not_yet_using_it(stubs):
    glue = stubs['glue']
    glue.add_response('get_security_configuration', secure_configuration(), {'Name': 'secure'})
    glue.add_response(
        'get_crawler', {'Crawler': {'Name': 'a', 'CrawlerSecurityConfiguration': 'secure'}}, {'Name': 'a'}
    )
    glue.add_response('get_crawler', {'Crawler': {'Name': 'b'}}, {'Name': 'b'})
    glue.add_response('update_crawler', {}, {'Name': 'b', 'CrawlerSecurityConfiguration': 'secure'})
    result = crawler_doc.handler(crawler_events(CrawlerNames=['b', 'a']), {})
    assert result['Outcome'] == 'REMEDIATED'
    assert body(result)['changes'] == [
        {'field': 'crawler/b.CrawlerSecurityConfiguration', 'before': None, 'after': 'secure'}
    ]


def test_crawler_refuses_a_weak_configuration_and_another_account(stubs):
    stubs['glue'].add_response('get_security_configuration', secure_configuration(s3='SSE-S3'), {'Name': 'secure'})
    with pytest.raises(ValueError, match='cannot fix crawlers: S3 data is not encrypted with SSE-KMS'):
        crawler_doc.handler(crawler_events(CrawlerNames='a'), {})
    with pytest.raises(ValueError, match='is not the account this automation runs in'):
        crawler_doc.handler(crawler_events(ExecutingAccountId='999999999999'), {})


def settings(at_rest=None, passwords=None):
    return {
        'DataCatalogEncryptionSettings': {
            'EncryptionAtRest': at_rest or {'CatalogEncryptionMode': 'DISABLED'},
            'ConnectionPasswordEncryption': passwords or {'ReturnConnectionPasswordEncrypted': False},
        }
    }


def test_encryption_turns_on_both_blocks_with_an_enabled_key(stubs):
    stubs['glue'].add_response('get_data_catalog_encryption_settings', settings(), {'CatalogId': ACCOUNT})
    stubs['kms'].add_response('describe_key', {'KeyMetadata': {'KeyId': KEY, 'KeyState': 'Enabled'}}, {'KeyId': KEY})
    planned = {
        'EncryptionAtRest': {'CatalogEncryptionMode': 'SSE-KMS', 'SseAwsKmsKeyId': KEY},
        'ConnectionPasswordEncryption': {'ReturnConnectionPasswordEncrypted': True, 'AwsKmsKeyId': KEY},
    }
    stubs['glue'].add_response(
        'put_data_catalog_encryption_settings', {}, {'CatalogId': ACCOUNT, 'DataCatalogEncryptionSettings': planned}
    )
    assert encryption_doc.handler(events(CatalogId=ACCOUNT, KmsKeyId=KEY), {})['Outcome'] == 'REMEDIATED'


def test_encryption_refuses_a_disabled_key_before_writing(stubs):
    stubs['glue'].add_response('get_data_catalog_encryption_settings', settings(), {'CatalogId': ACCOUNT})
    stubs['kms'].add_response('describe_key', {'KeyMetadata': {'KeyId': KEY, 'KeyState': 'Disabled'}}, {'KeyId': KEY})
    with pytest.raises(ValueError, match='is Disabled, not Enabled'):
        encryption_doc.handler(events(CatalogId=ACCOUNT, KmsKeyId=KEY), {})


def test_encryption_keeps_another_kms_key_unless_told_to_replace_an_unapproved_one(stubs):
    at_rest = {'CatalogEncryptionMode': 'SSE-KMS', 'SseAwsKmsKeyId': OTHER_KEY}
    stubs['glue'].add_response('get_data_catalog_encryption_settings', settings(at_rest), {'CatalogId': ACCOUNT})
    result = encryption_doc.handler(events(CatalogId=ACCOUNT, KmsKeyId=KEY, Blocks='ENCRYPTION_AT_REST'), {})
    assert result['Outcome'] == 'NO_CHANGE'
    stubs['glue'].add_response('get_data_catalog_encryption_settings', settings(at_rest), {'CatalogId': ACCOUNT})
    with pytest.raises(ValueError, match='not in ApprovedKmsKeyArns: set ReplaceExistingKey'):
        encryption_doc.handler(
            events(CatalogId=ACCOUNT, KmsKeyId=KEY, Blocks='ENCRYPTION_AT_REST', ApprovedKmsKeyArns=[KEY]), {}
        )


def test_publish_and_fail_publishes_the_result_then_fails(stubs):
    message = json.dumps({'changes': [{'field': 'x'}], 'failures': [{'resource': 'a', 'error': 'denied'}]})
    topic = f'arn:aws:sns:us-east-1:{ACCOUNT}:alerts'
    attributes = {
        'rule': {'DataType': 'String', 'StringValue': 'r'},
        'resourceType': {'DataType': 'String', 'StringValue': 'AWS::Glue::Crawler'},
        'outcome': {'DataType': 'String', 'StringValue': 'PARTIAL'},
    }
    stubs['sns'].add_response(
        'publish', {'MessageId': 'm'}, {'TopicArn': topic, 'Message': message, 'MessageAttributes': attributes}
    )
    with pytest.raises(RuntimeError, match=r'Remediation ended PARTIAL \(1 changed\): denied'):
        publish_and_fail.handler(
            {
                'RuleName': 'r',
                'ResourceType': 'AWS::Glue::Crawler',
                'Outcome': 'PARTIAL',
                'TopicArn': topic,
                'Message': message,
            },
            {},
        )


def test_publish_and_fail_joins_every_failure_and_counts_no_changes(stubs):
    message = json.dumps({'failures': [{'resource': 'a', 'error': 'denied'}, {'resource': 'b', 'error': 'busy'}]})
    stubs['sns'].add_response('publish', {'MessageId': 'm'}, None)
    with pytest.raises(RuntimeError) as raised:
        publish_and_fail.handler(
            {'RuleName': 'r', 'ResourceType': 'T', 'Outcome': 'FAILED', 'TopicArn': 'arn:t', 'Message': message}, {}
        )
    assert str(raised.value) == 'Remediation ended FAILED (0 changed): denied; busy'


def test_publish_and_fail_retries_the_publish_more_than_the_environment_default(stubs, monkeypatch):
    """The message is the only record of the changes made and the step cannot be re-run without
    publishing twice, so its client must retry transient faults itself (found by the fault runs in
    test/reliability/remediation-faults.test.ts: AWS_MAX_ATTEMPTS=2 lost the PARTIAL result)."""
    monkeypatch.setenv('AWS_MAX_ATTEMPTS', '2')
    configs = []
    stubbed = boto3.client

    def recording(service, *args, **kwargs):
        configs.append((service, kwargs.get('config')))
        return stubbed(service, *args, **kwargs)

    monkeypatch.setattr(boto3, 'client', recording)
    stubs['sns'].add_response('publish', {'MessageId': 'm'})
    with pytest.raises(RuntimeError):
        publish_and_fail.handler(
            {
                'RuleName': 'r',
                'ResourceType': 'AWS::::Account',
                'Outcome': 'FAILED',
                'TopicArn': f'arn:aws:sns:us-east-1:{ACCOUNT}:alerts',
                'Message': json.dumps({'changes': [], 'failures': []}),
            },
            {},
        )
    [(service, config)] = configs
    assert service == 'sns'
    assert config.retries['mode'] == 'standard'
    assert config.retries['total_max_attempts'] >= 5
    # A client built with this config really retries that many times, whatever AWS_MAX_ATTEMPTS says.
    client = boto3.session.Session(region_name='us-east-1').client(
        'sns', aws_access_key_id='x', aws_secret_access_key='y', config=config
    )
    assert client.meta.config.retries['total_max_attempts'] == config.retries['total_max_attempts']


# Pinned for mutation testing (issue 11): the literal values a wrong decision or a wrong message would change.

UNNAMED_OPEN = {'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 'glue:GetTable', 'Resource': '*'}


def restrict_body(outcome, changes, message):
    return {
        'document': 'RestrictGlueCatalogPolicy',
        'executionId': 'exec-1',
        'accountId': '444455556666',
        'region': 'us-east-1',
        'resource': ACCOUNT,
        'changes': changes,
        'outcome': outcome,
        'message': message,
    }


def test_restrict_states_account_catalog_and_message_when_there_is_nothing_to_remove(stubs):
    caller = events(CatalogId=ACCOUNT, AccountId='444455556666')
    stubs['glue'].add_client_error('get_resource_policy', 'EntityNotFoundException', 'none')
    assert body(policy_doc.handler(caller, {})) == restrict_body(
        'NO_CHANGE', [], 'The Data Catalog has no resource policy'
    )
    stubs['glue'].add_response('get_resource_policy', policy(ACCOUNT_ONLY), {'ResourceArn': CATALOG_ARN})
    assert body(policy_doc.handler(caller, {})) == restrict_body(
        'NO_CHANGE', [], 'No statement allows any principal without a restricting condition'
    )


def test_restrict_labels_unnamed_statements_by_index_and_passes_enable_hybrid(stubs):
    caller = events(CatalogId=ACCOUNT, AccountId='444455556666', EnableHybrid='TRUE')
    stubs['glue'].add_response(
        'get_resource_policy', policy(ACCOUNT_ONLY, UNNAMED_OPEN, OPEN), {'ResourceArn': CATALOG_ARN}
    )
    expected = {
        'PolicyInJson': json.dumps({'Version': '2012-10-17', 'Statement': [ACCOUNT_ONLY]}),
        'ResourceArn': CATALOG_ARN,
        'PolicyHashCondition': 'h1',
        'PolicyExistsCondition': 'MUST_EXIST',
        'EnableHybrid': 'TRUE',
    }
    stubs['glue'].add_response('put_resource_policy', {'PolicyHash': 'h2'}, expected)
    changes = [
        {'field': 'Statement/Statement[1]', 'before': UNNAMED_OPEN, 'after': None},
        {'field': 'Statement/Open', 'before': OPEN, 'after': None},
    ]
    assert body(policy_doc.handler(caller, {})) == restrict_body(
        'REMEDIATED', changes, 'Removed Statement[1], Open; kept 1 statements'
    )


def test_restrict_states_the_deletion(stubs):
    caller = events(CatalogId=ACCOUNT, AccountId='444455556666')
    stubs['glue'].add_response('get_resource_policy', policy(OPEN), {'ResourceArn': CATALOG_ARN})
    stubs['glue'].add_response('delete_resource_policy', {}, {'ResourceArn': CATALOG_ARN, 'PolicyHashCondition': 'h1'})
    changes = [{'field': 'Statement/Open', 'before': OPEN, 'after': None}]
    assert body(policy_doc.handler(caller, {})) == restrict_body(
        'REMEDIATED', changes, 'Removed Open; no statement remained, policy deleted'
    )


def test_restrict_verify_names_every_open_statement_and_passes_without_one(stubs):
    stubs['glue'].add_response(
        'get_resource_policy', policy(OPEN, ACCOUNT_ONLY, UNNAMED_OPEN), {'ResourceArn': CATALOG_ARN}
    )
    with pytest.raises(AssertionError) as raised:
        policy_doc.verify(events(CatalogId=ACCOUNT), {})
    assert str(raised.value) == 'Statements still allow any principal: Open, Statement[2]'
    stubs['glue'].add_response('get_resource_policy', policy(ACCOUNT_ONLY), {'ResourceArn': CATALOG_ARN})
    assert policy_doc.verify(events(CatalogId=ACCOUNT), {}) == {'Verified': True}
