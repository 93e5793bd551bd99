# iam: sns:Publish
"""Publishes the result of a run in which some resources could not be changed, then fails the execution.

The message is the Remediate step's Result (its changes and its failures, whose errors carry no secret);
raising afterwards makes the execution end Failed, as a failed critical step does, after the audit
trail has the real changes.

This message is the only record of changes already made, and the step cannot be retried (it would
publish again), so the client retries throttling, 5xx and dropped connections itself, more than the
environment's default (AWS_MAX_ATTEMPTS): a publish lost to a transient fault loses the audit trail.
"""

import json

import boto3
from botocore.config import Config

# Standard mode backs off exponentially (at most 1 + 2 + 4 + 8 + 16 s between six attempts); with the
# timeouts, six attempts take at most 6 x 13 + 31 = 109 s, inside the step's timeoutSeconds (120).
# The explicit setting takes precedence over AWS_MAX_ATTEMPTS.
PUBLISH_ATTEMPTS = 6
PUBLISH_CONFIG = Config(
    retries={'mode': 'standard', 'total_max_attempts': PUBLISH_ATTEMPTS},
    connect_timeout=3,
    read_timeout=10,
)


def handler(events, context):
    attributes = {
        'rule': events['RuleName'],
        'resourceType': events['ResourceType'],
        'outcome': events['Outcome'],
    }
    boto3.client('sns', config=PUBLISH_CONFIG).publish(
        TopicArn=events['TopicArn'],
        Message=events['Message'],
        MessageAttributes={key: {'DataType': 'String', 'StringValue': value} for key, value in attributes.items()},
    )
    body = json.loads(events['Message'])
    failed = '; '.join(item['error'] for item in body.get('failures') or [])
    raise RuntimeError(f'Remediation ended {events["Outcome"]} ({len(body.get("changes") or [])} changed): {failed}')
