"""What every remediate handler returns: `Result`, the JSON body of the SNS message, and `Changes`.

Shared by every document: imported as `from lib.<module> import <name>`, inlined by the build.
"""

import json


def remediation_result(events, outcome, changes, message, document, account_id, resource, failures=None):
    """`failures` ([{resource, error}], errors already free of secrets) is given by multi-resource handlers."""
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
    result = {'Outcome': outcome, 'Result': json.dumps(body), 'Changes': json.dumps(changes)}
    if failures is not None:
        body['failures'] = failures
        result.update(Result=json.dumps(body), Failures=json.dumps(failures))
    return result


def overall_outcome(changes, failures):
    """PARTIAL when some resources changed and others failed, FAILED when every attempt failed."""
    if failures:
        return 'PARTIAL' if changes else 'FAILED'
    return 'REMEDIATED' if changes else 'NO_CHANGE'


def failed_resources(events):
    """The resources the Remediate step reported as failed (its Failures output, a JSON list)."""
    raw = events.get('Failures')
    if not raw:
        return set()
    return {item['resource'] for item in (json.loads(raw) if isinstance(raw, str) else raw)}
