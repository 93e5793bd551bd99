"""Runs the catalog-policy semantics table through RestrictGlueCatalogPolicy's decision logic.

Usage: python catalog_harness.py <script.py> <table.json>; prints {case name: removed Sids or "ERROR"}.
The script is loaded as a module (its handlers are not called, so it needs no AWS endpoint).
"""

import importlib.util
import json
import os
import sys


def main():
    script, table = sys.argv[1], sys.argv[2]
    # The script imports its lib modules (from lib.x import y) as the build's inliner resolves them.
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    spec = importlib.util.spec_from_file_location('restrict_glue_catalog_policy', script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with open(table, encoding='utf-8') as f:
        cases = json.load(f)
    out = {}
    for case in cases:
        text = case['policyText'] if 'policyText' in case else json.dumps(case['policy'])
        try:
            policy = module._loads(text)
        except ValueError:
            out[case['name']] = 'ERROR'
            continue
        statements = module._as_list(policy.get('Statement'))
        out[case['name']] = [module._label(s, i) for i, s in enumerate(statements) if module._public(s)]
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
