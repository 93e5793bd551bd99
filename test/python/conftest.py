"""pytest setup for the document scripts: they import as the standalone modules they are in the
repository (`from lib.result import remediation_result`), and boto3.client gives botocore clients
wrapped in a Stubber, so a test states every call a handler may make and what AWS answers.
"""

import json
import sys
from pathlib import Path

import boto3
import pytest
from botocore.stub import Stubber

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / 'remediation' / 'documents' / 'scripts'))

REGION = 'us-east-1'
ACCOUNT = '123456789012'


# One session for every test: it caches the service models, the slow part of making a client.
SESSION = boto3.session.Session(aws_access_key_id='testing', aws_secret_access_key='testing', region_name=REGION)


class Stubs:
    """One stubbed client per service; `stubs['glue']` is the Stubber to queue responses on."""

    def __init__(self):
        self.clients = {}
        self.stubbers = {}

    def __getitem__(self, service):
        if service not in self.stubbers:
            client = SESSION.client(service)
            self.clients[service] = client
            self.stubbers[service] = Stubber(client)
            self.stubbers[service].activate()
        return self.stubbers[service]

    def client(self, service, *args, **kwargs):
        self[service]
        return self.clients[service]

    def assert_all_used(self):
        for stubber in self.stubbers.values():
            stubber.assert_no_pending_responses()


@pytest.fixture
def stubs(monkeypatch):
    """Patches boto3.client for the test; fails the test if a queued response was never asked for."""
    stubs = Stubs()
    monkeypatch.setattr(boto3, 'client', stubs.client)
    yield stubs
    stubs.assert_all_used()


def events(**values):
    """A handler's InputPayload with the automation fields every document passes."""
    return {'ExecutionId': 'exec-1', 'AccountId': ACCOUNT, 'Region': REGION, **values}


def body(result):
    """The JSON body a remediate handler returns as `Result`."""
    return json.loads(result['Result'])
