# iam: sns:Publish
"""Publishes the result of a run in which some resources could not be changed, then fails the execution.

The message is the Remediate step's Result (its changes and its failures, whose errors carry no secret);
raising afterwards makes the execution end Failed, as a failed critical step does, after the audit
trail has the real changes.
"""

import json

import boto3


def handler(events, context):
    attributes = {
        'rule': events['RuleName'],
        'resourceType': events['ResourceType'],
        'outcome': events['Outcome'],
    }
    boto3.client('sns').publish(
        TopicArn=events['TopicArn'],
        Message=events['Message'],
        MessageAttributes={key: {'DataType': 'String', 'StringValue': value} for key, value in attributes.items()},
    )
    body = json.loads(events['Message'])
    failed = '; '.join(item['error'] for item in body.get('failures') or [])
    raise RuntimeError(f'Remediation ended {events["Outcome"]} ({len(body.get("changes") or [])} changed): {failed}')
