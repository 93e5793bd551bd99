"""What every remediate handler returns: `Result`, the JSON body of the SNS message, and `Changes`.

Shared by every document: listed before the script that uses it in the document's Script tag.
"""

import json


def _remediation_result(events, outcome, changes, message, document, account_id, resource):
    body = {
        'document': document,
        'executionId': events.get('ExecutionId'),
        'accountId': account_id,
        'region': events.get('Region'),
        'resource': resource,
        'changes': changes,
        'outcome': outcome,
        'message': message,
    }
    return {'Outcome': outcome, 'Result': json.dumps(body), 'Changes': json.dumps(changes)}
