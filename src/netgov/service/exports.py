"""Exporting statements of reasons: decide what may be exported, check it, then stream it.

    prepared = prepare_export(uow, actor=principal, form=Format.DSA_TDB, platform=None, since=None, at=now)
    for chunk in export_stream(runtime.uow, prepared):   # its own unit of work, open while it streams
        sink.write(chunk)

Preparing refuses what the actor may not export and, for the DSA Transparency Database
format, checks every statement against the database's rules before a byte is written, so
an export either starts complete or not at all. Both passes read the statements issued
before ``at``; statements arriving meanwhile wait for the next export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import msgspec

from netgov.identity.principal import Principal
from netgov.service.export_formats import Format, export_chunks
from netgov.service.statement_exports import ExportRequest, export_request, export_rows
from netgov.service.tdb_export import TdbCheck, check_tdb, tdb_lines
from netgov.store.unit_of_work import UnitOfWork


class Prepared(msgspec.Struct, frozen=True, kw_only=True):
    form: Format
    request: ExportRequest
    # The DSA format's check: how many statements go out, how many lie outside the EEA.
    check: TdbCheck | None = None


def prepare_export(
    uow: UnitOfWork,
    *,
    actor: Principal,
    form: Format,
    platform: str | None,
    since: datetime | None,
    at: datetime,
) -> Prepared:
    request = export_request(uow, actor=actor, platform=platform, since=since, at=at)
    if form is not Format.DSA_TDB:
        return Prepared(form=form, request=request)
    return Prepared(form=form, request=request, check=check_tdb(export_rows(uow, request, media=True)))


def export_stream(open_uow: Callable[[], UnitOfWork], prepared: Prepared) -> Iterator[bytes]:
    """The export's bytes, chunk by chunk, read in a unit of work that lives as long as the stream."""
    with open_uow() as uow:
        if prepared.form is Format.DSA_TDB:
            yield from tdb_lines(export_rows(uow, prepared.request, media=True), checked=prepared.check is not None)
        else:
            yield from export_chunks(prepared.form, export_rows(uow, prepared.request))
