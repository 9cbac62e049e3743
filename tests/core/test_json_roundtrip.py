from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from netgov import Account, Content, Engine
from netgov.core.content import content_from_json, content_to_json
from netgov.core.decision import decision_from_json, decision_to_json
from tests.factories import NOW, post

_times = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC))
_scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**53), 2**53), st.text(max_size=20))

contents = st.builds(
    Content,
    id=st.text(min_size=1, max_size=20),
    platform=st.text(max_size=10),
    account=st.one_of(
        st.none(),
        st.builds(Account, id=st.text(min_size=1, max_size=10), created_at=st.one_of(st.none(), _times)),
    ),
    text=st.text(max_size=200),
    urls=st.lists(st.text(max_size=30), max_size=3).map(tuple),
    language=st.one_of(st.none(), st.sampled_from(["en", "zh", "de"])),
    created_at=st.one_of(st.none(), _times),
    metadata=st.dictionaries(st.text(max_size=10), _scalars, max_size=3),
)


@given(contents)
def test_content_survives_a_json_round_trip(content: Content) -> None:
    assert content_from_json(content_to_json(content)) == content


def test_a_decision_survives_a_json_round_trip(bundled_engine: Engine) -> None:
    decision = bundled_engine.decide(post("FREE M0NEY, wire the release fee now", account=Account(id="a")), now=NOW)
    assert decision_from_json(decision_to_json(decision)) == decision


def test_content_is_immutable() -> None:
    content = post("x")
    try:
        content.text = "y"  # type: ignore[misc]
    except AttributeError:
        return
    raise AssertionError("Content accepted an assignment")
