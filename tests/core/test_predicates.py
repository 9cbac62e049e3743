"""Compiled predicates answer exactly what the condition evaluator answers."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from netgov import Account, Content
from netgov.core.conditions import AllOf, AnyOf, Condition, FieldTest, Not, Op, SignalTest, evaluate
from netgov.core.predicates import compile_predicate
from netgov.core.signals import Evidence, Signal
from tests.factories import NOW

_LEAVES = st.one_of(
    st.builds(
        SignalTest,
        detector=st.just("lexicon"),
        label=st.sampled_from(["a", "b"]),
        min_score=st.sampled_from([0.0, 0.5, 1.0]),
        min_count=st.integers(0, 3),
        min_distinct=st.integers(0, 2),
    ),
    st.builds(FieldTest, field=st.just("url_count"), op=st.sampled_from(list(Op)), value=st.integers(0, 2)),
    st.builds(
        FieldTest, field=st.just("account.age_days"), op=st.sampled_from([Op.LT, Op.GE]), value=st.integers(0, 9)
    ),
)
_CONDITIONS: st.SearchStrategy[Condition] = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(lambda c: AllOf(tuple(c))),
        st.lists(inner, min_size=1, max_size=3).map(lambda c: AnyOf(tuple(c))),
        inner.map(Not),
    ),
    max_leaves=8,
)
_SIGNALS = st.dictionaries(
    st.sampled_from(["lexicon/a", "lexicon/b"]),
    st.builds(
        lambda score, n: Signal(
            detector="lexicon",
            label="x",
            score=score,
            evidence=tuple(Evidence(start=0, end=1, entry=str(i % 2)) for i in range(n)),
        ),
        st.sampled_from([0.2, 0.5, 1.0]),
        st.integers(0, 3),
    ),
)


@given(_CONDITIONS, _SIGNALS, st.integers(0, 3), st.one_of(st.none(), st.integers(0, 20)))
def test_a_compiled_predicate_agrees_with_the_evaluator(
    condition: Condition, signals: dict[str, Signal], urls: int, age: int | None
) -> None:
    account = None if age is None else Account(id="a", created_at=NOW - timedelta(days=age))
    content = Content(id="c", urls=tuple("u" for _ in range(urls)), account=account)
    expected, _ = evaluate(condition, signals, content, NOW)
    assert compile_predicate(condition)(signals, content, NOW) == expected
