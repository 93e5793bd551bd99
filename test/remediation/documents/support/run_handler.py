"""Runs one handler of a remediation script the way aws:executeScript does: handler(payload, context).

Usage: run_handler.py <script.py> <handler> <result.json>; the payload is read from stdin as JSON.
<script.py> holds a document's resolved Script (its lib files and its own file, as SSM receives it).
The script's own stdout and stderr pass through untouched so that tests can inspect them.
HANDLER_PATCH, when set, is Python run with `module` bound to the loaded script before the call:
tests use it to stage races (a policy changed between read and write) that no single call can.
"""

import importlib.util
import json
import os
import sys
import traceback


def main():
    script, handler_name, result_path = sys.argv[1:4]
    payload = json.load(sys.stdin)
    spec = importlib.util.spec_from_file_location('remediation_script', script)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        if os.environ.get('HANDLER_PATCH'):
            exec(os.environ['HANDLER_PATCH'], {'module': module})
        result = {'ok': True, 'result': getattr(module, handler_name)(payload, {})}
    except Exception as error:  # the step fails with this message, as in SSM
        traceback.print_exc()
        result = {'ok': False, 'error': f'{type(error).__name__}: {error}'}
    with open(result_path, 'w', encoding='utf-8') as out:
        json.dump(result, out, default=str)


if __name__ == '__main__':
    main()
