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
