"""The catalog-policy semantics table (test/policy-semantics/catalog-policy.json), the one fixture set
the TypeScript rule glue-catalog-policy-restricted is judged by, run through RestrictGlueCatalogPolicy:
each row's `remediationRemoves` is exactly the statements the script removes (or ERROR: refused).
"""

import json
from pathlib import Path

import pytest
import restrict_glue_catalog_policy as script

TABLE = Path(__file__).resolve().parents[1] / 'policy-semantics' / 'catalog-policy.json'
ROWS = json.loads(TABLE.read_text(encoding='utf-8'))


def removed(row):
    text = row['policyText'] if 'policyText' in row else json.dumps(row['policy'])
    try:
        policy = script._loads(text)
    except ValueError:
        return 'ERROR'
    statements = script._as_list(policy.get('Statement'))
    return [script._label(s, i) for i, s in enumerate(statements) if script._public(s)]


@pytest.mark.parametrize('row', ROWS, ids=[r['name'] for r in ROWS])
def test_catalog_table_row(row):
    assert removed(row) == row['remediationRemoves']


def test_the_table_is_not_empty_and_has_every_verdict():
    assert len(ROWS) >= 40
    assert {r['expect'] for r in ROWS} == {'COMPLIANT', 'NON_COMPLIANT', 'ERROR'}
