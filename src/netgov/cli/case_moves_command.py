"""``netgov cases take-over|designate|transfer|refer|referral``: moving a case between
offices and passing it to other agencies (``cases_command`` adds them to ``netgov cases``)."""

from __future__ import annotations

from collections.abc import Callable

import click

from netgov.cli.acting import AS, REASON, actor
from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import operator_work
from netgov.governance.referrals import SUGGESTED_AGENCIES, ReferralStatus
from netgov.service import cases
from netgov.service.clock import system_clock
from netgov.store.tables import CaseRow


def _move(service: Callable[..., CaseRow], case_id: str, username: str | None, db: str | None, **args: str) -> None:
    """Move the case with ``service`` as ``--as`` (or the operator), commit, and say where it is now."""
    with operator_work(service_settings(db), write=True) as uow:
        case = service(uow, actor=actor(uow, username), case_id=case_id, at=system_clock(), **args)
        uow.commit()
    click.echo(f"{case.id} is now held by {case.office_id}")


@click.command("take-over")
@click.argument("case_id")
@REASON
@click.option("--as", "username", required=True, metavar="USERNAME", help="Staff of an office above the case's.")
@db_option
def take_over_command(case_id: str, reason: str, username: str, db: str | None) -> None:
    """Pull CASE_ID up to the office of --as, which must sit above the case's office."""
    _move(cases.take_over, case_id, username, db, reason=reason)


@click.command("designate")
@click.argument("case_id")
@click.option("--office", required=True, metavar="ID", help="An office within the designating office's subtree.")
@REASON
@AS
@db_option
def designate_command(case_id: str, office: str, reason: str, username: str | None, db: str | None) -> None:
    """Send CASE_ID down to --office (needs case.assign over both offices)."""
    _move(cases.designate, case_id, username, db, office_id=office, reason=reason)


@click.command("transfer")
@click.argument("case_id")
@click.option("--office", required=True, metavar="ID", help="An office the actor may assign or work cases in.")
@REASON
@AS
@db_option
def transfer_command(case_id: str, office: str, reason: str, username: str | None, db: str | None) -> None:
    """Transfer CASE_ID sideways to --office, with a reason; the assignee is routed there anew."""
    _move(cases.transfer, case_id, username, db, office_id=office, reason=reason)


@click.command("refer")
@click.argument("case_id")
@click.option("--agency", required=True, help=f"Free text; the usual ones: {', '.join(SUGGESTED_AGENCIES)}.")
@REASON
@AS
@db_option
def refer_command(case_id: str, agency: str, reason: str, username: str | None, db: str | None) -> None:
    """Refer CASE_ID to another agency; the referral starts as `sent`."""
    with operator_work(service_settings(db), write=True) as uow:
        referral = cases.refer(
            uow, actor=actor(uow, username), case_id=case_id, agency=agency, reason=reason, at=system_clock()
        )
        uow.commit()
    click.echo(f"{referral.id}: {case_id} referred to {referral.agency} ({referral.status})")


@click.command("referral")
@click.argument("referral_id")
@click.argument("status", type=click.Choice([s.value for s in ReferralStatus]))
@click.option("--reference", default=None, help="The agency's own reference, once it gives one.")
@REASON
@AS
@db_option
def referral_command(
    referral_id: str, status: str, reference: str | None, reason: str, username: str | None, db: str | None
) -> None:
    """Record that referral REFERRAL_ID moved to STATUS (sent → acknowledged → in_progress → concluded | declined)."""
    with operator_work(service_settings(db), write=True) as uow:
        referral = cases.update_referral(
            uow,
            actor=actor(uow, username),
            referral_id=referral_id,
            status=status,
            reference=reference,
            reason=reason,
            at=system_clock(),
        )
        uow.commit()
    click.echo(f"{referral.id} is {referral.status}")


MOVES = (take_over_command, designate_command, transfer_command, refer_command, referral_command)
