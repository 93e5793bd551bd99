"""AWS API emulator: moto's server plus emulator/fidelity.py.

Used by the tests, `npm run emulator`, the demo and the benchmarks (through launcher.ts).

Usage: python emulator/server.py --port N [--log-requests] [--exit-with-stdin]

Binds 127.0.0.1 only and prints one ready line on stdout once the socket listens. With
--exit-with-stdin (used by launcher.ts) it exits when its stdin closes, so a test runner that dies
never leaves it behind.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fidelity  # noqa: E402
from moto.core import DEFAULT_ACCOUNT_ID  # noqa: E402
from moto.moto_server.werkzeug_app import (  # noqa: E402
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server  # noqa: E402

TEST_ROUTES = '/moto-api/glue-guardrails/'


def _json(start_response: Callable[..., Any], status: str, body: Any) -> Iterable[bytes]:
    payload = json.dumps(body).encode()
    start_response(status, [('Content-Type', 'application/json'), ('Content-Length', str(len(payload)))])
    return [payload]


def _handle_test_route(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """Test-only routes; they exist in no AWS service (see fidelity.py)."""
    route = environ['PATH_INFO'][len(TEST_ROUTES) :]
    method = environ['REQUEST_METHOD']
    query = {key: values[0] for key, values in parse_qs(environ.get('QUERY_STRING', '')).items()}
    length = int(environ.get('CONTENT_LENGTH') or 0)
    raw = environ['wsgi.input'].read(length) if length else b''
    account = environ.get('HTTP_X_MOTO_ACCOUNT_ID') or query.get('accountId') or DEFAULT_ACCOUNT_ID
    try:
        body = json.loads(raw) if raw else {}
        if route == 'health' and method == 'GET':
            return _json(start_response, '200 OK', {'status': 'ok'})
        if route == 'fail-next-put-evaluations' and method == 'POST':
            fidelity.fail_next_put_evaluations(body.get('count', 1))
            return _json(start_response, '200 OK', {'status': 'ok'})
        if route == 'evaluations' and method == 'GET':
            region = query.get('region', fidelity.DEFAULT_REGION)
            results = fidelity.stored_evaluations(account, region, query['rule'])
            return _json(start_response, '200 OK', {'evaluations': results})
        if route == 'config-rules' and method == 'POST':
            region = body.get('region', fidelity.DEFAULT_REGION)
            fidelity.register_config_rule(body.get('accountId') or account, region, body['configRuleName'])
            return _json(start_response, '200 OK', {'status': 'ok'})
        if route == 'config-items' and method == 'POST':
            item = fidelity.seed_config_item(account, body)
            return _json(start_response, '200 OK', {'configurationItem': item})
    except (KeyError, ValueError, TypeError) as error:
        return _json(start_response, '400 Bad Request', {'error': f'{type(error).__name__}: {error}'})
    return _json(start_response, '404 Not Found', {'error': f'no test route {method} {route}'})


class EmulatorApp:
    def __init__(self, moto_app: DomainDispatcherApplication) -> None:
        self.moto_app = moto_app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get('PATH_INFO', '')
        if path.startswith(TEST_ROUTES):
            return _handle_test_route(environ, start_response)
        if path == '/moto-api/reset' and environ['REQUEST_METHOD'] == 'POST':
            fidelity.reset_hooks()
        return self.moto_app(environ, start_response)


def _exit_when_parent_goes() -> None:
    sys.stdin.read()
    os._exit(0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--log-requests', action='store_true')
    parser.add_argument('--exit-with-stdin', action='store_true')
    args = parser.parse_args()
    if not args.log_requests:
        logging.getLogger('werkzeug').setLevel(logging.WARNING)

    fidelity.apply()
    os.environ.setdefault('MOTO_PORT', str(args.port))
    app = EmulatorApp(DomainDispatcherApplication(create_backend_app))
    server = make_server('127.0.0.1', args.port, app, threaded=True, request_handler=MotoRequestHandler)
    if args.exit_with_stdin:
        threading.Thread(target=_exit_when_parent_goes, daemon=True).start()
    print(f'glue-guardrails emulator ready on http://127.0.0.1:{server.server_port}', flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == '__main__':
    main()
