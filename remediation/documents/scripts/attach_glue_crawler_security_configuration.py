# iam: glue:GetCrawler, glue:GetCrawlers, glue:UpdateCrawler
# iam: glue:GetSecurityConfiguration, glue:GetSecurityConfigurations
"""Attaches an encrypting security configuration to the named crawlers, or to every crawler whose
configuration is missing or leaves S3 data or CloudWatch logs unencrypted when none is named.

UpdateCrawler is a partial update: only CrawlerSecurityConfiguration is sent.
"""

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from lib.parameters import flag, name_list
from lib.result import failed_resources, overall_outcome, remediation_result

DOCUMENT = 'AttachGlueCrawlerSecurityConfiguration'


def _not_found(error):
    return error.response['Error']['Code'] == 'EntityNotFoundException'


def _gaps(configuration, events):
    """What a crawler's security configuration leaves unencrypted (crawlers write S3 and logs)."""
    settings = (configuration or {}).get('EncryptionConfiguration') or {}
    s3_modes = [entry.get('S3EncryptionMode', 'DISABLED') for entry in settings.get('S3Encryption') or []]
    accepted = {'SSE-KMS', 'SSE-S3'} if flag(events.get('AllowSseS3')) else {'SSE-KMS'}
    gaps = []
    if not s3_modes or any(mode not in accepted for mode in s3_modes):
        gaps.append(f'S3 data is not encrypted with {" or ".join(sorted(accepted))}')
    if (settings.get('CloudWatchEncryption') or {}).get('CloudWatchEncryptionMode', 'DISABLED') != 'SSE-KMS':
        gaps.append('CloudWatch logs are not encrypted with SSE-KMS')
    return gaps


def _wanted(glue, name, events):
    try:
        configuration = glue.get_security_configuration(Name=name)['SecurityConfiguration']
    except ClientError as error:
        if _not_found(error):
            raise ValueError(f'Security configuration {name} does not exist in this account and region') from None
        raise
    gaps = _gaps(configuration, events)
    if gaps:
        raise ValueError(f'Security configuration {name} cannot fix crawlers: ' + '; '.join(gaps))
    return name


def _configurations(glue):
    found = {}
    for page in glue.get_paginator('get_security_configurations').paginate():
        found.update({item['Name']: item for item in page['SecurityConfigurations']})
    return found


def _targets(glue, events):
    """Crawlers to fix: every named one not yet using the configuration, else every non-compliant one."""
    wanted = events['SecurityConfigurationName']
    names = name_list(events.get('CrawlerNames'))
    if names:
        crawlers = []
        for name in names:
            try:
                crawlers.append(glue.get_crawler(Name=name)['Crawler'])
            except ClientError as error:
                if _not_found(error):
                    raise ValueError(f'Crawler {name} does not exist') from None
                raise
        return [c for c in crawlers if c.get('CrawlerSecurityConfiguration') != wanted]
    configurations = _configurations(glue)
    crawlers = []
    for page in glue.get_paginator('get_crawlers').paginate():
        crawlers.extend(page['Crawlers'])
    return [
        c
        for c in crawlers
        if c.get('CrawlerSecurityConfiguration') != wanted
        and _gaps(configurations.get(c.get('CrawlerSecurityConfiguration') or ''), events)
    ]


def _check_account(events):
    # Config passes the account id it evaluated; it must be the account this runs in.
    if (
        events.get('AccountId')
        and events.get('ExecutingAccountId')
        and events['AccountId'] != events['ExecutingAccountId']
    ):
        raise ValueError(f'AccountId {events["AccountId"]} is not the account this automation runs in')


def _result(events, outcome, changes, message, failures):
    account, resource = events.get('ExecutingAccountId'), events['AccountId']
    return remediation_result(events, outcome, changes, message, DOCUMENT, account, resource, failures)


def _attach(glue, name, wanted):
    """None when attached, else what went wrong: the error code only, never the SDK's message text."""
    try:
        glue.update_crawler(Name=name, CrawlerSecurityConfiguration=wanted)
    except ClientError as error:
        return f'Updating crawler {name} failed with {error.response.get("Error", {}).get("Code", "Unknown")}'
    except BotoCoreError as error:
        return f'Updating crawler {name} failed ({type(error).__name__})'
    return None


def handler(events, context):
    """Updates each crawler on its own: one that cannot be updated (a running crawler) is reported and
    the others still fixed."""
    _check_account(events)
    glue = boto3.client('glue')
    wanted = _wanted(glue, events['SecurityConfigurationName'], events)
    changes, fixed, failures = [], [], []
    for crawler in sorted(_targets(glue, events), key=lambda c: c['Name']):
        error = _attach(glue, crawler['Name'], wanted)
        if error:
            failures.append({'resource': crawler['Name'], 'error': error})
            continue
        changes.append(
            {
                'field': f'crawler/{crawler["Name"]}.CrawlerSecurityConfiguration',
                'before': crawler.get('CrawlerSecurityConfiguration'),
                'after': wanted,
            }
        )
        fixed.append(crawler['Name'])
    outcome = overall_outcome(changes, failures)
    if outcome == 'NO_CHANGE':
        return _result(events, outcome, [], f'No crawler needed security configuration {wanted}', failures)
    # From the crawlers themselves: a name may hold '.' or '/', so it cannot be parsed back out of a field.
    names = ', '.join(fixed) or 'no crawler'
    failed = f'; could not update: {", ".join(f["resource"] for f in failures)}' if failures else ''
    return _result(events, outcome, changes, f'Security configuration {wanted} attached to {names}{failed}', failures)


def verify(events, context):
    """Every targeted crawler uses an encrypting configuration, except those the Remediate step reported
    it could not update (published as failures, and the run then fails)."""
    failed = failed_resources(events)
    remaining = sorted(c['Name'] for c in _targets(boto3.client('glue'), events) if c['Name'] not in failed)
    if remaining:
        raise AssertionError('Crawlers still without an encrypting security configuration: ' + ', '.join(remaining))
    return {'Verified': True}
