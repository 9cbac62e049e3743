"""Property: any statement of reasons netgov can hold, about content in the EEA, maps to a
statement the DSA Transparency Database's field rules accept."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from netgov.core.actions import Action
from netgov.core.decision import Automation, LegalGround, Source, StatementOfReasons
from netgov.core.taxonomy import Category
from netgov.governance.dsa_tdb import EEA_STATES, TdbSource, tdb_statement
from netgov.service.tdb_export import validate

# Free text as people write it: any characters, at least one that is not blank.
prose = st.text(min_size=1, max_size=6000).filter(lambda text: text.strip() != "")
ids = st.from_regex(r"[A-Za-z0-9_-]{1,200}", fullmatch=True)
eea_jurisdictions = st.builds(
    lambda state, tail: state.lower() + tail,
    st.sampled_from(EEA_STATES),
    st.sampled_from(["", ".by", ".ara.01"]),
)
grounds = st.builds(
    LegalGround,
    regulation=st.text(min_size=1, max_size=80),
    regulation_title=st.text(min_size=1, max_size=300),
    version=st.text(min_size=1, max_size=20),
    authority=st.text(min_size=1, max_size=200),
    jurisdiction=st.one_of(eea_jurisdictions, st.sampled_from(["eu", "eea", "XX", "ex.north"])),
    article=st.text(min_size=1, max_size=10),
    article_title=st.text(min_size=1, max_size=200),
    article_text=st.text(max_size=500),
)
moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2037, 6, 1), timezones=st.just(UTC))


@st.composite
def statements(draw: st.DrawFn) -> StatementOfReasons:
    issued = draw(moments)
    legal = tuple(draw(st.lists(grounds, min_size=1, max_size=3)))
    lasting = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=180)))
    return StatementOfReasons(
        decision_id=draw(ids),
        content_id=draw(ids),
        platform=draw(ids),
        measure=draw(st.sampled_from([a for a in Action if a.is_restrictive])),
        category=draw(st.sampled_from(list(Category))),
        territorial_scope=tuple(sorted({g.jurisdiction for g in legal})),
        duration_until=None if lasting is None else issued + timedelta(days=lasting),
        facts=draw(prose),
        source=draw(st.sampled_from(list(Source))),
        automated_detection=draw(st.booleans()),
        automated_decision=draw(st.sampled_from(list(Automation))),
        legal_grounds=legal,
        explanation=draw(prose),
        redress=(),
        issued_at=issued,
    )


@settings(max_examples=120, deadline=None)
@given(
    statement=statements(),
    jurisdiction=eea_jurisdictions,
    has_text=st.booleans(),
    media=st.lists(st.sampled_from(["image", "video", "audio", "sticker", ""]), max_size=3),
    known=st.booleans(),
    posted=st.dates(min_value=date(2000, 1, 1), max_value=date(2037, 12, 31)),
    language=st.one_of(st.none(), st.sampled_from(["EN", "DE", "GA"])),
)
def test_any_statement_about_eea_content_maps_to_a_valid_database_statement(
    statement: StatementOfReasons,
    jurisdiction: str,
    has_text: bool,
    media: list[str],
    known: bool,
    posted: date,
    language: str | None,
) -> None:
    source = TdbSource(
        statement_id="sor_" + statement.decision_id,
        statement=statement,
        jurisdiction=jurisdiction,
        has_text=has_text,
        media_kinds=tuple(media),
        content_known=known,
        content_date=posted,
        content_language=language,
    )
    validate(source.statement_id, tdb_statement(source))
