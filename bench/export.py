"""Benchmark: exporting statements of reasons, per format, against a naive exporter.

    python bench/export.py [--statements 100000] [--backends sqlite,postgresql] [--postgres-url URL]
                           [--formats dsa-tdb,csv,jsonl,parquet,naive-csv,naive-jsonl]

A fresh database per backend (SQLite in a temporary directory; PostgreSQL: a new database
next to --postgres-url's, dropped afterwards) gets --statements statements of reasons of
engine decisions (with their decisions and contents) written in bulk, in an EEA
jurisdiction so that the DSA export carries them all. Then each format of
``netgov.service.exports`` is written to a counting sink (nothing kept), and timed: the
dsa-tdb time includes its validation pass. The baseline is what an exporter written
without care does: read every row at once (``.all()``), decode each document with
``json.loads``, then ``json.dumps`` per row (JSONL) and ``csv.writer`` over the list (CSV).
Peak Python memory (tracemalloc) is measured in a separate run of each, on a tenth of the
rows for the baseline (it grows with the export; netgov's does not). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from sqlalchemy import select

from api_server import BackendUnavailableError, fresh_database
from netgov.core.actions import Action
from netgov.core.decision import Automation, LegalGround, Source, StatementOfReasons
from netgov.core.statement import REDRESS
from netgov.core.taxonomy import Category
from netgov.service.export_formats import Format
from netgov.service.exports import export_stream, prepare_export
from netgov.service.permissions import SYSTEM
from netgov.service.places import add_platform
from netgov.service.statements import IssuedStatement, statement_row
from netgov.store.database import connect
from netgov.store.schema import upgrade
from netgov.store.tables import DecisionRow, StatementRow
from netgov.store.unit_of_work import UnitOfWork

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
NOW = datetime(2026, 6, 1, tzinfo=UTC)
GROUND = LegalGround(
    regulation="MOSR",
    regulation_title="Model Online Safety Regulation",
    version="1.0",
    authority="Model Online Safety Authority",
    jurisdiction="de",
    article="7",
    article_title="Fraud and scams",
    article_text="Content that offers, solicits or facilitates a fraudulent scheme is illegal.",
)


def seed(url: str, count: int) -> None:
    database = connect(url)
    upgrade(database)
    with UnitOfWork(database, write=True) as uow:
        add_platform(uow, actor=SYSTEM, platform_id="chirp", name="Chirp", jurisdiction=None, at=NOW)
        uow.commit()
    start = NOW - timedelta(days=30)
    for first in range(0, count, 10_000):
        contents, decisions, statements = [], [], []
        for n in range(first, min(first + 10_000, count)):
            at = start + timedelta(seconds=n)
            sor = _statement(n, at)
            contents.append(_content(n, at))
            decisions.append(_decision(n, at))
            statements.append(
                statement_row(
                    IssuedStatement(
                        statement=sor, decided_by="rule:scam", decision_id=f"dec_{n}", jurisdiction="de.by"
                    ),
                    statement_id=f"sor_{n:09d}",
                )
            )
        with UnitOfWork(database, write=True) as uow:
            uow.decisions.insert(contents, decisions)
            uow.statements.insert_many(statements, [])
            uow.commit()
    database.dispose()


def _statement(n: int, at: datetime) -> StatementOfReasons:
    return StatementOfReasons(
        decision_id=f"dec_{n}",
        content_id=f"p{n:09d}",
        platform="chirp",
        measure=Action.REMOVE,
        category=Category.SCAMS_AND_FRAUD,
        territorial_scope=("de",),
        duration_until=None,
        facts="Automated checks found: the lexicon check 'scam-phrases' found 2 match(es) ('western union').",
        source=Source.OWN_INITIATIVE,
        automated_detection=True,
        automated_decision=Automation.FULLY,
        legal_grounds=(GROUND,),
        explanation="Because rule 'scam' (Scam) applies MOSR Art. 7 (Fraud and scams), the content was removed.",
        redress=REDRESS,
        issued_at=at,
    )


def _content(n: int, at: datetime) -> dict[str, object]:
    document = json.dumps({"id": f"p{n:09d}", "platform": "chirp", "text": "Pay the fee by Western Union"}).encode()
    return {
        "platform_id": "chirp",
        "content_id": f"p{n:09d}",
        "digest": f"{n:064d}",
        "text": "Pay the fee by Western Union",
        "account_id": f"u{n % 5000}",
        "jurisdiction": "de.by",
        "language": "en",
        "created_at": at,
        "received_at": at,
        "document": document,
    }


def _decision(n: int, at: datetime) -> dict[str, object]:
    return {
        "id": f"dec_{n}",
        "platform_id": "chirp",
        "content_id": f"p{n:09d}",
        "jurisdiction": "de.by",
        "action": "remove",
        "category": "SCAMS_AND_FRAUD",
        "rules": " scam ",
        "automated": True,
        "rulebook_version": "bench",
        "decided_at": at,
        "document": b"{}",
    }


def netgov_export(database: object, form: Format) -> Callable[[], Iterable[bytes]]:
    def run() -> Iterable[bytes]:
        with UnitOfWork(database, write=False) as uow:  # type: ignore[arg-type]
            prepared = prepare_export(uow, actor=SYSTEM, form=form, platform=None, since=None, at=NOW)
        return export_stream(lambda: UnitOfWork(database, write=False), prepared)  # type: ignore[arg-type]

    return run


def naive_export(database: object, form: str, limit: int | None = None) -> Callable[[], Iterable[bytes]]:
    """Everything in memory first, then one json.dumps per row or csv.writer over the list."""

    def run() -> Iterable[bytes]:
        with UnitOfWork(database, write=False) as uow:  # type: ignore[arg-type]
            query = select(StatementRow, DecisionRow).outerjoin(DecisionRow, DecisionRow.id == StatementRow.decision_id)
            rows = uow.session.execute(query.order_by(StatementRow.issued_at).limit(limit)).all()
        records = []
        for statement, decision in rows:
            document = json.loads(statement.document)
            grounds = ";".join(g["regulation"] + " Art. " + g["article"] for g in document["legal_grounds"])
            records.append(
                {
                    "statement_id": statement.id,
                    "platform": statement.platform_id,
                    "content_id": statement.content_id,
                    "measure": document["measure"],
                    "category": document["category"],
                    "source": document["source"],
                    "issued_at": document["issued_at"],
                    "legal_grounds": grounds,
                    "decision_action": decision.action if decision else None,
                }
            )
        if form == "jsonl":
            return [("\n".join(json.dumps(r) for r in records) + "\n").encode()]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
        return [buffer.getvalue().encode()]

    return run


def timed(run: Callable[[], Iterable[bytes]]) -> tuple[float, int]:
    started = time.perf_counter()
    size = sum(len(chunk) for chunk in run())
    return time.perf_counter() - started, size


def peak(run: Callable[[], Iterable[bytes]]) -> int:
    tracemalloc.start()
    try:
        for _ in run():
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def measure(url: str, count: int, formats: list[str]) -> None:
    seed(url, count)
    database = connect(url)
    b"".join(netgov_export(database, Format.PARQUET)())  # pyarrow's first-use imports, not the export's cost
    cases: list[tuple[str, Callable[[], Iterable[bytes]], Callable[[], Iterable[bytes]]]] = [
        (form.value, netgov_export(database, form), netgov_export(database, form)) for form in Format
    ]
    cases += [
        (f"naive {form}", naive_export(database, form), naive_export(database, form, count // 10))
        for form in ("csv", "jsonl")
    ]
    rates: dict[str, float] = {}
    rows: list[tuple[str, float, float, float, float]] = []
    for name, run, small in cases:
        if name.replace(" ", "-") not in formats:
            continue
        seconds, size = min((timed(run) for _ in range(2)), key=lambda pair: pair[0])
        rates[name] = count / seconds
        rows.append((name, count / seconds, seconds, size / 1e6, peak(small) / 1e6))
    print(f"{'format':<14}{'statements/s':>14}{'seconds':>9}{'MB out':>9}{'peak MB':>9}{'vs naive':>10}")
    for name, rate, seconds, megabytes, memory in rows:
        baseline = rates.get(f"naive {name}")
        ratio = f"{rate / baseline:>9.2f}x" if baseline else f"{'-':>10}"
        note = " (peak for a tenth of the rows)" if name.startswith("naive") else ""
        print(f"{name:<14}{rate:>14,.0f}{seconds:>9.2f}{megabytes:>9.1f}{memory:>9.1f}{ratio}{note}")
    database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--formats", default="dsa-tdb,csv,jsonl,parquet,naive-csv,naive-jsonl")
    args = parser.parse_args()
    for backend in args.backends.split(","):
        print(f"\n{backend}: {args.statements:,} statements")
        with tempfile.TemporaryDirectory() as folder:
            try:
                with fresh_database(backend, Path(folder), args.postgres_url) as url:
                    measure(url, args.statements, args.formats.split(","))
            except BackendUnavailableError as error:
                print(f"skipped: {error}")


if __name__ == "__main__":
    main()
