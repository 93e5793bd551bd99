"""Executes AWS API calls and aws:executeScript handlers for the local Automation runner.

One JSON request per line on stdin, one JSON response per line on stdout. boto3 is what the real
actions use, so request serialisation, parameter validation and error shapes are boto3's own.
"""

import contextlib
import datetime
import io
import json
import sys
import traceback

import boto3
import botocore.config
import botocore.exceptions
from botocore import xform_name
from botocore.awsrequest import AWSResponse

# SSM caps each aws:executeAwsApi call at 25 seconds.
API_CONFIG = botocore.config.Config(read_timeout=25, connect_timeout=5, retries={'mode': 'standard', 'max_attempts': 3})
_clients = {}


def _json_default(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode('utf-8', 'replace')
    if hasattr(value, 'read'):
        return value.read().decode('utf-8', 'replace')
    return str(value)


def _client(service, region, endpoint):
    key = (service, region, endpoint)
    if key not in _clients:
        _clients[key] = boto3.client(service, region_name=region, endpoint_url=endpoint or None, config=API_CONFIG)
    return _clients[key]


def call_api(req):
    client = _client(req['service'], req['region'], req.get('endpoint'))
    api = req['api']
    if api not in client.meta.service_model.operation_names:
        return {'ok': False, 'error': f"{req['service']} has no API '{api}'"}
    try:
        out = getattr(client, xform_name(api))(**(req.get('params') or {}))
    except botocore.exceptions.ClientError as err:
        e = err.response.get('Error', {})
        return {'ok': False, 'error': f'{e.get("Code", "ClientError")}: {e.get("Message", str(err))}'}
    except botocore.exceptions.BotoCoreError as err:
        return {'ok': False, 'error': f'{type(err).__name__}: {err}'}
    out.pop('ResponseMetadata', None)
    return {'ok': True, 'result': json.loads(json.dumps(out, default=_json_default))}


READ_PREFIXES = ('Get', 'List', 'Describe', 'Search', 'BatchGet', 'Head', 'Lookup')


@contextlib.contextmanager
def _read_only(skipped):
    """Clients created inside answer every call that is not a read with an empty success, unsent."""

    def short_circuit(model, **_):
        if model.name.startswith(READ_PREFIXES):
            return None
        skipped.append(f'{model.service_model.service_name}:{model.name}')
        return AWSResponse('', 200, {}, None), {}

    events = boto3._get_default_session().events
    events.register('before-call', short_circuit, unique_id='glue-guardrails-read-only')
    try:
        yield
    finally:
        events.unregister('before-call', unique_id='glue-guardrails-read-only')


def run_script(req):
    logs = io.StringIO()
    namespace = {'__name__': 'ssm_automation_script'}
    skipped = []
    guard = _read_only(skipped) if req.get('readOnly') else contextlib.nullcontext()
    try:
        with guard, contextlib.redirect_stdout(logs), contextlib.redirect_stderr(logs):
            exec(compile(req['script'], '<executeScript>', 'exec'), namespace)
            handler = namespace.get(req['handler'])
            if not callable(handler):
                return {
                    'ok': False,
                    'error': f"Handler '{req['handler']}' is not defined by the script",
                    'logs': logs.getvalue(),
                }
            result = handler(req.get('payload') or {}, req.get('context') or {})
        out = {'ok': True, 'result': json.loads(json.dumps(result, default=_json_default)), 'logs': logs.getvalue()}
        if req.get('readOnly'):
            out['skipped'] = skipped
        return out
    except BaseException as err:  # the handler's exception fails the step, as in SSM
        tb = traceback.extract_tb(err.__traceback__)
        line = next((f.lineno for f in reversed(tb) if f.filename == '<executeScript>'), None)
        where = f' (script line {line})' if line else ''
        return {'ok': False, 'error': f'{type(err).__name__}: {err}{where}', 'logs': logs.getvalue()}


def main():
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        try:
            res = call_api(req) if req['op'] == 'api' else run_script(req)
        except Exception as err:
            res = {'ok': False, 'error': f'{type(err).__name__}: {err}'}
        res['id'] = req['id']
        out.write(json.dumps(res, default=_json_default) + '\n')
        out.flush()


if __name__ == '__main__':
    main()
