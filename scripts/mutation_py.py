"""Mutation testing of the SSM document scripts with mutmut 3 (`npm run mutation:py`, issue 11).

mutmut names a mutant after its module path relative to where it runs (`src.` stripped) and only
switches a mutant on when that name matches the function's `__module__`. The scripts import one
another as `lib.result`, `lib.job_arguments`, ... (their directory is the import root, as in the
SSM runtime once the build inlines lib/), so mutmut runs in a staging directory, .mutmut/, laid out
the way it understands:

    .mutmut/src/          the files of remediation/documents/scripts (so lib/result.py is lib.result)
    .mutmut/test/python/  the pytest suite that drives it (and test/policy-semantics/*.json, its tables)
    .mutmut/pyproject.toml  this repository's, whose [tool.mutmut] section configures the run

Files are copied only when their content changed (keeping their mtime), so mutmut's own cache in
.mutmut/mutants/ makes a second run incremental: only mutants of changed functions run again.
`--fresh` deletes the staging directory first. The run fails when the score (killed / mutants that
ran) is below THRESHOLD; the surviving mutants are listed with `mutmut show <name>`-able names.

Usage: python scripts/mutation_py.py [--fresh | --survivors] [--max-children N]
"""

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGE = ROOT / '.mutmut'
SOURCES = ROOT / 'remediation' / 'documents' / 'scripts'
TESTS = ROOT / 'test' / 'python'
# The policy-family tables test/python reads (test_policy_semantics.py).
FIXTURES = ROOT / 'test' / 'policy-semantics'
THRESHOLD = 80.0

# mutmut's exit codes, as in mutmut.stats.status_by_exit_code.
KILLED = {1, 3, 37}
SURVIVED = {0}
TIMEOUT = {36, -24, 24, 152, 255}
NO_TESTS = {5, 33}


def sync(source: Path, target: Path, pattern: str = '*.py') -> None:
    """Makes target/ hold exactly source/'s files matching pattern; unchanged files are left untouched."""
    wanted = {p.relative_to(source) for p in source.rglob(pattern) if '__pycache__' not in p.parts}
    for rel in sorted(wanted):
        dest = target / rel
        if dest.exists() and filecmp.cmp(source / rel, dest, shallow=False):
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / rel, dest)
    if target.exists():
        for existing in target.rglob(pattern):
            if '__pycache__' not in existing.parts and existing.relative_to(target) not in wanted:
                existing.unlink()


def stage() -> None:
    sync(SOURCES, STAGE / 'src')
    sync(TESTS, STAGE / 'test' / 'python')
    sync(FIXTURES, STAGE / 'test' / 'policy-semantics', '*.json')
    pyproject = STAGE / 'pyproject.toml'
    if not pyproject.exists() or not filecmp.cmp(ROOT / 'pyproject.toml', pyproject, shallow=False):
        shutil.copy2(ROOT / 'pyproject.toml', pyproject)


def results() -> dict[str, dict[str, int | None]]:
    """exit code by mutant name, per source file, from mutmut's .meta files."""
    by_file = {}
    for meta in sorted((STAGE / 'mutants' / 'src').rglob('*.py.meta')):
        with open(meta, encoding='utf-8') as f:
            codes = json.load(f).get('exit_code_by_key', {})
        if codes:
            by_file[str(meta.relative_to(STAGE / 'mutants' / 'src'))[: -len('.meta')]] = codes
    return by_file


def report(by_file: dict[str, dict[str, int | None]]) -> float:
    rows = []
    total = {'killed': 0, 'survived': 0, 'timeout': 0, 'no tests': 0, 'other': 0}
    survivors = []
    for name, codes in by_file.items():
        counts = dict.fromkeys(total, 0)
        for mutant, code in codes.items():
            if code in KILLED:
                counts['killed'] += 1
            elif code in SURVIVED:
                counts['survived'] += 1
                survivors.append(mutant)
            elif code in TIMEOUT:
                counts['timeout'] += 1
            elif code in NO_TESTS:
                counts['no tests'] += 1
                survivors.append(mutant)
            else:
                counts['other'] += 1
        for key in total:
            total[key] += counts[key]
        rows.append((name, counts))
    width = max((len(name) for name, _ in rows), default=10)
    print(f'{"file":<{width}}  killed  survived  no-tests  timeout  score')
    for name, counts in rows + [('all files', total)]:
        ran = counts['killed'] + counts['survived'] + counts['no tests'] + counts['timeout']
        # A timeout (mutmut's CPU-time limit, SIGXCPU: not wall time, so not a loaded machine) is counted
        # as killed, as mutmut and Stryker do: the mutant made the tests loop.
        score = 100.0 * (counts['killed'] + counts['timeout']) / ran if ran else 100.0
        print(
            f'{name:<{width}}  {counts["killed"]:>6}  {counts["survived"]:>8}  {counts["no tests"]:>8}'
            f'  {counts["timeout"]:>7}  {score:5.1f}%'
        )
    if total['other']:
        print(f'{total["other"]} mutant(s) not checked or suspicious (not counted)')
    if survivors:
        print('\nsurviving mutants (cd .mutmut && ../.venv/bin/mutmut show <name>):')
        for mutant in survivors:
            print(f'  {mutant}')
    ran = total['killed'] + total['survived'] + total['no tests'] + total['timeout']
    return 100.0 * (total['killed'] + total['timeout']) / ran if ran else 100.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--fresh', action='store_true', help='delete .mutmut/ and its cached results first')
    parser.add_argument('--max-children', type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        '--survivors',
        action='store_true',
        help='run again only the mutants that survived or had no test last time (e.g. after adding tests)',
    )
    args = parser.parse_args()
    if args.fresh and STAGE.exists():
        shutil.rmtree(STAGE)
    names = []
    if args.survivors:
        names = [m for codes in results().values() for m, code in codes.items() if code in SURVIVED | NO_TESTS]
        if not names:
            print('no surviving mutants to run again')
    stage()
    mutmut = Path(sys.executable).with_name('mutmut')
    started = time.monotonic()
    run = subprocess.run(
        [str(mutmut), 'run', '--max-children', str(args.max_children), *names],
        cwd=STAGE,
        env={**os.environ, 'PYTHONDONTWRITEBYTECODE': '1'},
    )
    elapsed = time.monotonic() - started
    print(f'\nmutmut run: exit {run.returncode}, {elapsed:.0f} s\n')
    if run.returncode != 0:
        return run.returncode
    score = report(results())
    print(f'\nmutation score {score:.1f}% (threshold {THRESHOLD:.0f}%)')
    return 0 if score >= THRESHOLD else 1


if __name__ == '__main__':
    sys.exit(main())
