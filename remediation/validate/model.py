"""Checks Automation documents against the botocore service models, in one process per test run.

stdin: {"calls": [...], "scripts": [...], "services": [...]}; stdout: the findings as JSON.
- calls: {"key", "service", "api", "params", "selectors"}: the API exists, every parameter is a
  member of the input shape (recursively through literal structures), required members are present,
  and every output/property selector names members of the output shape.
- scripts: {"key", "text", "prefixes"}: the boto3 client calls the script makes, as IAM actions,
  and the line of each (to tell which inlined file of a resolved script makes it).
- services: the signing name of each service (the IAM prefix, save for documented exceptions).
"""

import ast
import json
import re
import sys

import botocore.session
from botocore import xform_name

SESSION = botocore.session.get_session()
AVAILABLE = set(SESSION.get_available_services())
REFERENCE = re.compile(r'^\{\{\s*[^{}]+?\s*\}\}$')
_models = {}


def model(service):
    if service not in _models:
        _models[service] = SESSION.get_service_model(service) if service in AVAILABLE else None
    return _models[service]


def check_value(shape, value, path, problems):
    """Literal values are checked against their shape; a whole {{ }} reference is typed at run time."""
    if isinstance(value, str) and REFERENCE.match(value):
        return
    kind = shape.type_name
    if kind == 'structure':
        if not isinstance(value, dict):
            problems.append(f'{path}: expected a structure ({shape.name}), got {type(value).__name__}')
            return
        for name, member_value in value.items():
            if name not in shape.members:
                problems.append(f'{path}.{name}: not a member of {shape.name} (members: {", ".join(shape.members)})')
            else:
                check_value(shape.members[name], member_value, f'{path}.{name}', problems)
        for name in shape.required_members:
            if name not in value:
                problems.append(f"{path}: required member '{name}' of {shape.name} is missing")
    elif kind == 'list':
        if isinstance(value, list):
            for i, item in enumerate(value):
                check_value(shape.member, item, f'{path}[{i}]', problems)
        elif not isinstance(value, str):
            problems.append(f'{path}: expected a list, got {type(value).__name__}')
    elif kind == 'map':
        if isinstance(value, dict):
            for k, v in value.items():
                check_value(shape.value, v, f'{path}.{k}', problems)
        elif not isinstance(value, str):
            problems.append(f'{path}: expected a map, got {type(value).__name__}')
    elif kind in ('integer', 'long') and isinstance(value, (bool, float, dict, list)):
        problems.append(f'{path}: expected an integer')
    elif kind == 'boolean' and isinstance(value, (dict, list)):
        problems.append(f'{path}: expected a boolean')


SELECTOR_TOKEN = re.compile(r"\.([A-Za-z0-9_-]+)|\.\*|\[\*\]|\[-?\d+\]|\[['\"]([^'\"]+)['\"]\]")


def check_selector(shape, selector, problems, where):
    if not selector.startswith('$'):
        problems.append(f"{where}: selector '{selector}' must start with $")
        return
    pos = 1
    while pos < len(selector):
        m = SELECTOR_TOKEN.match(selector, pos)
        if not m:
            problems.append(f"{where}: selector '{selector}' is not supported at '{selector[pos:]}'")
            return
        pos = m.end()
        name = m.group(1) or m.group(2)
        if shape is None:
            return
        if name is not None:
            if shape.type_name == 'map':
                shape = shape.value
            elif shape.type_name != 'structure' or name not in shape.members:
                problems.append(f"{where}: selector '{selector}': '{name}' is not in {shape.name}")
                return
            else:
                shape = shape.members[name]
        elif shape.type_name == 'list':
            shape = shape.member
        elif shape.type_name == 'map':
            shape = shape.value
        else:
            problems.append(f"{where}: selector '{selector}' indexes {shape.name}, which is not a list")
            return


def check_call(call):
    problems = []
    m = model(call['service'])
    if m is None:
        return [f"service '{call['service']}' is not a boto3 service"]
    if call['api'] not in m.operation_names:
        return [f"{call['service']} has no API '{call['api']}'"]
    op = m.operation_model(call['api'])
    params = call.get('params') or {}
    if op.input_shape is None:
        if params:
            problems.append(f'{call["api"]} takes no parameters, got {", ".join(params)}')
    else:
        check_value(op.input_shape, params, call['api'], problems)
    for selector in call.get('selectors') or []:
        check_selector(op.output_shape, selector, problems, f'{call["api"]} output')
    return problems


def script_actions(script):
    """The IAM actions of the boto3 client calls a script makes, the [line, action] of each call, and
    problems for what cannot be resolved."""
    problems, actions, at = [], set(), []
    try:
        tree = ast.parse(script['text'])
    except SyntaxError as err:
        return [], [], [f'script does not parse: {err}']
    clients = {}  # variable or function name -> service

    def client_service(node):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == 'client':
            arg = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == 'service_name'), None)
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                return arg.value
            problems.append(f'line {node.lineno}: a client is created with a non-literal service name')
        return None

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            service = client_service(node.value)
            if service:
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        clients[target.id] = service
                    elif isinstance(target, ast.Attribute):
                        clients[target.attr] = service
        elif isinstance(node, ast.FunctionDef):
            for ret in (n for n in ast.walk(node) if isinstance(n, ast.Return) and n.value is not None):
                service = client_service(ret.value)
                if service:
                    clients[node.name] = service

    def receiver_service(node):
        if isinstance(node, ast.Name):
            return clients.get(node.id)
        if isinstance(node, ast.Attribute):
            return clients.get(node.attr)
        if isinstance(node, ast.Call):
            direct = client_service(node)
            if direct:
                return direct
            if isinstance(node.func, ast.Name):
                return clients.get(node.func.id)
        return None

    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        service = receiver_service(node.func.value)
        method = node.func.attr
        if service is None or method == 'client':
            continue
        m = model(service)
        if m is None:
            problems.append(f"line {node.lineno}: '{service}' is not a boto3 service")
            continue
        ops = {xform_name(op): op for op in m.operation_names}
        if method == 'get_paginator' and node.args and isinstance(node.args[0], ast.Constant):
            method = node.args[0].value
        elif method in ('get_waiter', 'can_paginate', 'close'):
            continue
        if method not in ops:
            problems.append(f'line {node.lineno}: {service}.{method}() is not a {service} API')
            continue
        prefix = script['prefixes'].get(service, service)
        actions.add(f'{prefix}:{ops[method]}')
        at.append([node.lineno, f'{prefix}:{ops[method]}'])
    return sorted(actions), sorted(at), problems


def operation_exists(action, prefixes):
    prefix, op = action.split(':', 1)
    services = [s for s, p in prefixes.items() if p == prefix] + [prefix]
    return any(model(s) is not None and op in model(s).operation_names for s in services)


def main():
    req = json.load(sys.stdin)
    out = {'calls': {}, 'scripts': {}, 'services': {}, 'operations': {}}
    for call in req.get('calls', []):
        out['calls'][call['key']] = check_call(call)
    for script in req.get('scripts', []):
        actions, at, problems = script_actions(script)
        out['scripts'][script['key']] = {'actions': actions, 'at': at, 'problems': problems}
        for action in script.get('declared', []):
            out['operations'][action] = operation_exists(action, script['prefixes'])
    for service in req.get('services', []):
        m = model(service)
        out['services'][service] = m.signing_name if m is not None else None
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
