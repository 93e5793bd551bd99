"""Fails when the pytest suite's coverage of the document scripts is below its thresholds.

Usage: python scripts/py_coverage_check.py (after `coverage run -m pytest`); reads the coverage data
named in pyproject.toml and checks statement and branch coverage separately (coverage.py's own
fail_under checks one combined figure).
"""

import json
import os
import sys
import tempfile

import coverage

THRESHOLDS = {'statements': 95.0, 'branches': 90.0}


def main():
    cov = coverage.Coverage()
    cov.load()
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'coverage.json')
        cov.json_report(outfile=out)
        with open(out, encoding='utf-8') as f:
            totals = json.load(f)['totals']
    got = {'statements': totals['percent_statements_covered'], 'branches': totals['percent_branches_covered']}
    print(', '.join(f'{kind} {got[kind]:.1f}% (threshold {THRESHOLDS[kind]:.0f}%)' for kind in THRESHOLDS))
    low = [kind for kind in THRESHOLDS if got[kind] < THRESHOLDS[kind]]
    if low:
        print(f'Python coverage below its threshold: {", ".join(low)}', file=sys.stderr)
        sys.exit(1)


if __name__ == '__main__':
    main()
