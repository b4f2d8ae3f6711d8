"""Mutated workbooks and JSON reports through check and generate: the only outcomes are success or
a clean refusal.

A modest number of examples here; `python bench/fuzz.py N` runs long.
"""

from __future__ import annotations

from hostile import (
    ODD_VALUES,
    copy_example,
    mutate_bytes,
    mutate_cells,
    mutate_json,
    mutate_json_text,
    mutate_structure,
    outcome,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EDITS = st.lists(
    st.tuples(
        st.integers(0, 7), st.integers(1, 40), st.integers(1, 16),
        st.one_of(st.sampled_from(ODD_VALUES + ("date",)), st.integers(-10**6, 10**6),
                  st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)),
    ),
    min_size=1, max_size=6,
)
STRUCTURE = st.tuples(
    st.sampled_from(["delete", "rename", "insert_rows", "insert_cols", "delete_rows", "move", "hide"]),
    st.integers(0, 7), st.integers(1, 40),
)
SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(edits=EDITS)
def test_cell_mutations(tmp_path_factory, edits):
    path = copy_example(tmp_path_factory.mktemp("fuzz"))
    mutate_cells(path, edits)
    assert outcome(path) in ("ok", "refused")


@SETTINGS
@given(change=STRUCTURE)
def test_structure_mutations(tmp_path_factory, change):
    path = copy_example(tmp_path_factory.mktemp("fuzz"))
    mutate_structure(path, *change)
    assert outcome(path) in ("ok", "refused")


@SETTINGS
@given(member=st.integers(0, 30), at=st.integers(0, 100_000), junk=st.binary(min_size=1, max_size=12))
def test_byte_mutations(tmp_path_factory, member, at, junk):
    path = copy_example(tmp_path_factory.mktemp("fuzz"))
    mutate_bytes(path, member, at, junk)
    assert outcome(path) in ("ok", "refused")


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=True),
              st.text(max_size=40), st.sampled_from(ODD_VALUES[1:]).map(str)),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
JSON_EDITS = st.lists(st.tuples(st.sampled_from(["replace", "delete", "add"]), st.integers(0, 10_000), JSON_VALUES),
                      min_size=1, max_size=4)


@SETTINGS
@given(edits=JSON_EDITS)
def test_json_mutations(tmp_path_factory, edits):
    path = mutate_json(tmp_path_factory.mktemp("fuzz"), edits)
    assert outcome(path) in ("ok", "refused")


@SETTINGS
@given(at=st.integers(0, 30_000), junk=st.text(min_size=1, max_size=8), cut=st.booleans())
def test_json_text_mutations(tmp_path_factory, at, junk, cut):
    path = mutate_json_text(tmp_path_factory.mktemp("fuzz"), at, junk, cut)
    assert outcome(path) in ("ok", "refused")
