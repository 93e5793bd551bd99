"""AttachGlueCrawlerSecurityConfiguration beyond the named-crawler case: the sweep over every crawler,
missing names, a crawler that cannot be updated, no change, and verification (AWS stubbed)."""

import attach_glue_crawler_security_configuration as crawler_doc
import pytest
from conftest import ACCOUNT, body, events
from test_catalog_documents import secure_configuration

WEAK = {'Name': 'weak', 'EncryptionConfiguration': {'S3Encryption': [{'S3EncryptionMode': 'SSE-S3'}]}}


def crawler_events(**values):
    return events(**{'ExecutingAccountId': ACCOUNT, 'SecurityConfigurationName': 'secure', **values})


def sweep_responses(glue, crawlers):
    configurations = [secure_configuration()['SecurityConfiguration'], WEAK]
    glue.add_response('get_security_configurations', {'SecurityConfigurations': configurations}, {})
    glue.add_response('get_crawlers', {'Crawlers': crawlers}, {})


def test_sweep_fixes_crawlers_without_an_encrypting_configuration_and_reports_one_that_fails(stubs):
    glue = stubs['glue']
    glue.add_response('get_security_configuration', secure_configuration(), {'Name': 'secure'})
    sweep_responses(
        glue,
        [
            {'Name': 'ok', 'CrawlerSecurityConfiguration': 'secure'},
            {'Name': 'none'},
            {'Name': 'running', 'CrawlerSecurityConfiguration': 'weak'},
        ],
    )
    glue.add_response('update_crawler', {}, {'Name': 'none', 'CrawlerSecurityConfiguration': 'secure'})
    glue.add_client_error('update_crawler', 'CrawlerRunningException', 'the crawler is running: s3cret')
    result = crawler_doc.handler(crawler_events(), {})
    assert result['Outcome'] == 'PARTIAL'
    assert body(result)['changes'] == [
        {'field': 'crawler/none.CrawlerSecurityConfiguration', 'before': None, 'after': 'secure'}
    ]
    assert body(result)['failures'] == [
        {'resource': 'running', 'error': 'Updating crawler running failed with CrawlerRunningException'}
    ]
    assert body(result)['message'] == 'Security configuration secure attached to none; could not update: running'
    assert 's3cret' not in result['Result']


def test_no_change_when_every_crawler_is_encrypted(stubs):
    glue = stubs['glue']
    glue.add_response('get_security_configuration', secure_configuration(), {'Name': 'secure'})
    sweep_responses(glue, [{'Name': 'ok', 'CrawlerSecurityConfiguration': 'secure'}])
    result = crawler_doc.handler(crawler_events(), {})
    assert result['Outcome'] == 'NO_CHANGE'
    assert body(result)['message'] == 'No crawler needed security configuration secure'


def test_refuses_a_missing_configuration_or_crawler(stubs):
    glue = stubs['glue']
    glue.add_client_error('get_security_configuration', 'EntityNotFoundException', 'none')
    with pytest.raises(ValueError, match='Security configuration secure does not exist'):
        crawler_doc.handler(crawler_events(), {})
    glue.add_response('get_security_configuration', secure_configuration(), {'Name': 'secure'})
    glue.add_client_error('get_crawler', 'EntityNotFoundException', 'none')
    with pytest.raises(ValueError, match='Crawler gone does not exist'):
        crawler_doc.handler(crawler_events(CrawlerNames=['gone']), {})


def test_other_errors_are_raised_as_they_are(stubs):
    glue = stubs['glue']
    glue.add_client_error('get_security_configuration', 'AccessDeniedException', 'denied')
    with pytest.raises(Exception, match='AccessDeniedException'):
        crawler_doc.handler(crawler_events(), {})
    glue.add_response('get_security_configuration', secure_configuration(), {'Name': 'secure'})
    glue.add_client_error('get_crawler', 'AccessDeniedException', 'denied')
    with pytest.raises(Exception, match='AccessDeniedException'):
        crawler_doc.handler(crawler_events(CrawlerNames=['a']), {})


def test_a_configuration_without_logs_encryption_cannot_fix_crawlers(stubs):
    configuration = secure_configuration()
    del configuration['SecurityConfiguration']['EncryptionConfiguration']['CloudWatchEncryption']
    stubs['glue'].add_response('get_security_configuration', configuration, {'Name': 'secure'})
    with pytest.raises(ValueError, match='CloudWatch logs are not encrypted with SSE-KMS'):
        crawler_doc.handler(crawler_events(), {})


def test_verify_names_the_crawlers_still_unencrypted_except_reported_failures(stubs):
    glue = stubs['glue']
    crawlers = [{'Name': 'none'}, {'Name': 'running', 'CrawlerSecurityConfiguration': 'weak'}]
    sweep_responses(glue, crawlers)
    with pytest.raises(AssertionError, match='without an encrypting security configuration: none, running'):
        crawler_doc.verify(crawler_events(), {})
    sweep_responses(glue, crawlers)
    with pytest.raises(AssertionError, match=r'configuration: none$'):
        crawler_doc.verify(crawler_events(Failures='[{"resource": "running", "error": "x"}]'), {})
    sweep_responses(glue, [{'Name': 'ok', 'CrawlerSecurityConfiguration': 'secure'}])
    assert crawler_doc.verify(crawler_events(), {}) == {'Verified': True}


class _Glue:
    """update_crawler raising what it is given (a stub can only raise ClientError)."""

    def __init__(self, error=None):
        self.error, self.calls = error, []

    def update_crawler(self, **kwargs):
        self.calls.append(kwargs)
        if self.error:
            raise self.error


def test_attach_sends_only_the_configuration_and_reports_errors_by_code_or_class():
    from botocore.exceptions import ClientError, EndpointConnectionError

    glue = _Glue()
    assert crawler_doc._attach(glue, 'c1', 'secure') is None
    assert glue.calls == [{'Name': 'c1', 'CrawlerSecurityConfiguration': 'secure'}]
    denied = ClientError({'Error': {'Code': 'AccessDeniedException', 'Message': 'secret detail'}}, 'UpdateCrawler')
    assert crawler_doc._attach(_Glue(denied), 'c1', 'secure') == 'Updating crawler c1 failed with AccessDeniedException'
    bare = ClientError({}, 'UpdateCrawler')
    assert crawler_doc._attach(_Glue(bare), 'c1', 'secure') == 'Updating crawler c1 failed with Unknown'
    offline = EndpointConnectionError(endpoint_url='https://glue.example')
    assert crawler_doc._attach(_Glue(offline), 'c1', 'secure') == 'Updating crawler c1 failed (EndpointConnectionError)'


def test_result_names_the_executing_account_and_the_evaluated_account_as_resource(stubs):
    glue = stubs['glue']
    glue.add_response('get_security_configuration', secure_configuration(), {'Name': 'secure'})
    sweep_responses(glue, [{'Name': 'b'}, {'Name': 'a', 'CrawlerSecurityConfiguration': 'weak'}])
    glue.add_response('update_crawler', {}, {'Name': 'a', 'CrawlerSecurityConfiguration': 'secure'})
    glue.add_response('update_crawler', {}, {'Name': 'b', 'CrawlerSecurityConfiguration': 'secure'})
    result = crawler_doc.handler(crawler_events(ExecutingAccountId=ACCOUNT, AccountId=ACCOUNT), {})
    assert result['Outcome'] == 'REMEDIATED'
    assert body(result) == {
        'document': 'AttachGlueCrawlerSecurityConfiguration',
        'executionId': 'exec-1',
        'accountId': ACCOUNT,
        'region': 'us-east-1',
        'resource': ACCOUNT,
        'changes': [
            {'field': 'crawler/a.CrawlerSecurityConfiguration', 'before': 'weak', 'after': 'secure'},
            {'field': 'crawler/b.CrawlerSecurityConfiguration', 'before': None, 'after': 'secure'},
        ],
        'outcome': 'REMEDIATED',
        'message': 'Security configuration secure attached to a, b',
        'failures': [],
    }


def test_refuses_to_run_for_another_account():
    with pytest.raises(ValueError) as raised:
        crawler_doc.handler(crawler_events(AccountId='111122223333'), {})
    assert str(raised.value) == 'AccountId 111122223333 is not the account this automation runs in'


# Pinned for mutation testing (issue 11): the literal values a wrong decision or a wrong message would change.


def test_the_message_names_a_crawler_whose_name_holds_a_dot_or_a_slash_whole(stubs):
    glue = stubs['glue']
    glue.add_response('get_security_configuration', secure_configuration(), {'Name': 'secure'})
    sweep_responses(glue, [{'Name': 'raw.events/daily'}])
    glue.add_response('update_crawler', {}, {'Name': 'raw.events/daily', 'CrawlerSecurityConfiguration': 'secure'})
    result = crawler_doc.handler(crawler_events(), {})
    assert body(result)['message'] == 'Security configuration secure attached to raw.events/daily'


def test_a_crawler_on_another_encrypting_configuration_is_left_alone(stubs):
    glue = stubs['glue']
    other = {**secure_configuration()['SecurityConfiguration'], 'Name': 'other'}
    glue.add_response('get_security_configuration', secure_configuration(), {'Name': 'secure'})
    glue.add_response('get_security_configurations', {'SecurityConfigurations': [other, WEAK]}, {})
    glue.add_response('get_crawlers', {'Crawlers': [{'Name': 'kept', 'CrawlerSecurityConfiguration': 'other'}]}, {})
    result = crawler_doc.handler(crawler_events(), {})  # no update_crawler queued: a call would fail
    assert result['Outcome'] == 'NO_CHANGE'
    assert body(result)['changes'] == []
    assert body(result)['failures'] == []
    assert result['Failures'] == '[]'


def test_a_failed_crawler_first_in_order_does_not_stop_the_others(stubs):
    glue = stubs['glue']
    glue.add_response('get_security_configuration', secure_configuration(), {'Name': 'secure'})
    sweep_responses(glue, [{'Name': 'c'}, {'Name': 'a'}, {'Name': 'b'}])
    glue.add_client_error('update_crawler', 'CrawlerRunningException', 'running')
    glue.add_client_error('update_crawler', 'CrawlerRunningException', 'running')
    glue.add_response('update_crawler', {}, {'Name': 'c', 'CrawlerSecurityConfiguration': 'secure'})
    result = crawler_doc.handler(crawler_events(), {})
    assert result['Outcome'] == 'PARTIAL'
    assert body(result)['message'] == 'Security configuration secure attached to c; could not update: a, b'


def test_every_crawler_failing_is_failed_and_names_no_crawler_attached(stubs):
    glue = stubs['glue']
    glue.add_response('get_security_configuration', secure_configuration(), {'Name': 'secure'})
    sweep_responses(glue, [{'Name': 'a'}])
    glue.add_client_error('update_crawler', 'CrawlerRunningException', 'running')
    result = crawler_doc.handler(crawler_events(), {})
    assert result['Outcome'] == 'FAILED'
    assert body(result)['message'] == 'Security configuration secure attached to no crawler; could not update: a'


def s3_only(mode):
    return {
        'SecurityConfiguration': {
            'Name': 'secure',
            'EncryptionConfiguration': {
                'S3Encryption': [{'S3EncryptionMode': mode}],
                'CloudWatchEncryption': {'CloudWatchEncryptionMode': 'SSE-KMS', 'KmsKeyArn': 'k'},
            },
        }
    }


@pytest.mark.parametrize('allow', ['true', True, ' TRUE '])
def test_sse_s3_is_accepted_only_when_allowed(stubs, allow):
    glue = stubs['glue']
    glue.add_response('get_security_configuration', s3_only('SSE-S3'), {'Name': 'secure'})
    glue.add_response('get_crawler', {'Crawler': {'Name': 'a'}}, {'Name': 'a'})
    glue.add_response('update_crawler', {}, {'Name': 'a', 'CrawlerSecurityConfiguration': 'secure'})
    result = crawler_doc.handler(crawler_events(CrawlerNames=['a'], AllowSseS3=allow), {})
    assert result['Outcome'] == 'REMEDIATED'


@pytest.mark.parametrize('allow', ['false', False, None])
def test_sse_s3_is_refused_unless_allowed(stubs, allow):
    stubs['glue'].add_response('get_security_configuration', s3_only('SSE-S3'), {'Name': 'secure'})
    with pytest.raises(ValueError) as raised:
        crawler_doc.handler(crawler_events(CrawlerNames=['a'], AllowSseS3=allow), {})
    assert str(raised.value) == (
        'Security configuration secure cannot fix crawlers: S3 data is not encrypted with SSE-KMS'
    )


def test_the_refusal_lists_every_gap_and_the_modes_accepted(stubs):
    configuration = {'SecurityConfiguration': {'Name': 'secure', 'EncryptionConfiguration': {}}}
    stubs['glue'].add_response('get_security_configuration', configuration, {'Name': 'secure'})
    with pytest.raises(ValueError) as raised:
        crawler_doc.handler(crawler_events(AllowSseS3='true'), {})
    assert str(raised.value) == (
        'Security configuration secure cannot fix crawlers: S3 data is not encrypted with SSE-KMS or SSE-S3; '
        'CloudWatch logs are not encrypted with SSE-KMS'
    )


def test_verify_states_the_exact_message(stubs):
    sweep_responses(stubs['glue'], [{'Name': 'none'}])
    with pytest.raises(AssertionError) as raised:
        crawler_doc.verify(crawler_events(), {})
    assert str(raised.value) == 'Crawlers still without an encrypting security configuration: none'
