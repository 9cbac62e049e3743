"""``netgov cases``: the case queue and every step of a case, from the machine.

Commands act as the staff member named by ``--as`` (their roles, office and scope apply, and
the audit log names them), or as the operator (``system:netgov``), who may do anything but
take a case (only staff can be assigned one). Moves between offices and referrals are
defined in ``case_moves_command`` and added to the group here.
"""

from __future__ import annotations

from typing import Any

import click
import msgspec

from netgov.cli.acting import AS, FORMAT, REASON, actor
from netgov.cli.case_moves_command import MOVES
from netgov.cli.listing import echo_table, moment
from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import operator_work, statement_policy
from netgov.core.actions import Severity
from netgov.core.taxonomy import Category
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.governance.cases import CaseSource
from netgov.rulebook import load_rulebook
from netgov.service import case_views, cases
from netgov.service.case_views import CaseDetail, CaseFilter, CaseSort, CaseSummary
from netgov.service.clock import system_clock
from netgov.store.unit_of_work import UnitOfWork


@click.group("cases")
def cases_group() -> None:
    """Enforcement cases: the queue, one case, and every step of its procedure.

    A case is routed to the lowest office covering its jurisdiction and to that office's
    least-loaded eligible member; every step is in its timeline and the audit log.
    See docs/cases.md.
    """


@cases_group.command("list")
@click.option("--office", default=None, metavar="ID", help="Only this office's cases.")
@click.option("--state", "states", multiple=True, type=click.Choice([s.value for s in CaseState]), help="Repeatable.")
@click.option("--assignee", default=None, help="`me` (with --as), a username, or `none` for the unassigned.")
@click.option("--category", default=None, type=click.Choice([c.value for c in Category]), help="Only this category.")
@click.option("--source", default=None, type=click.Choice([s.value for s in CaseSource]), help="Only this source.")
@click.option("--overdue", is_flag=True, help="Only open cases whose deadline has passed.")
@click.option("--sort", type=click.Choice([s.value for s in CaseSort]), default="deadline", show_default=True)
@click.option("--limit", type=click.IntRange(1, case_views.PAGE_MAX), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Cases to skip (for the next page).")
@FORMAT
@AS
@db_option
def list_cases(output: str, username: str | None, db: str | None, **where: Any) -> None:
    """List cases, nearest deadline first: id, state, priority, office, assignee, deadline.

    As the operator every case is listed; with --as, those the staff member may read."""
    query = CaseFilter(
        office=where["office"],
        states=tuple(CaseState(s) for s in where["states"]),
        assignee=where["assignee"],
        category=None if where["category"] is None else Category(where["category"]),
        source=None if where["source"] is None else CaseSource(where["source"]),
        overdue=where["overdue"],
    )
    with operator_work(service_settings(db), write=False) as uow:
        principal = actor(uow, username)
        page = case_views.case_queue(
            uow,
            principal=principal,
            filter=query,
            sort=CaseSort(where["sort"]),
            limit=where["limit"],
            offset=where["offset"],
            at=system_clock(),
        )
    if output == "json":
        click.echo(msgspec.json.encode(page).decode())
        return
    echo_table(
        ["id", "state", "priority", "office", "assignee", "deadline", ""],
        [_row(c) for c in page.cases],
        empty="no cases",
    )
    if page.next_offset is not None:
        click.echo(f"{page.total} cases; the next page: --offset {page.next_offset}")


@cases_group.command("show")
@click.argument("case_id")
@FORMAT
@AS
@db_option
def show_case(case_id: str, output: str, username: str | None, db: str | None) -> None:
    """Show CASE_ID: its legal basis, deadline, next steps, timeline, referrals and orders."""
    settings = service_settings(db)
    with operator_work(settings, write=False) as uow:
        detail = case_views.case_detail(
            uow,
            principal=actor(uow, username),
            case_id=case_id,
            at=system_clock(),
            rulebook=load_rulebook(settings.rules),
        )
    click.echo(msgspec.json.encode(detail).decode() if output == "json" else _render(detail))


@cases_group.command("open")
@click.option("--source", required=True, type=click.Choice([s.value for s in CaseSource]), help="What started it.")
@click.option("--ref", "source_ref", required=True, help="Its reference within the source (a notice id...).")
@click.option("--jurisdiction", required=True, metavar="CODE", help="Where the matter belongs.")
@click.option("--category", required=True, type=click.Choice([c.value for c in Category]))
@click.option("--severity", required=True, type=click.Choice([s.value for s in Severity]))
@click.option("--regulation", required=True, help="The regulation the case relies on, e.g. dsa.")
@click.option("--article", required=True, help="Its article, e.g. 16.")
@click.option("--platform", "platform_id", default=None, metavar="ID", help="The platform the content is on.")
@click.option("--content", "content_id", default=None, metavar="ID", help="The platform's content id.")
@click.option("--rule", "rule_id", default=None, metavar="ID", help="The rule that flagged it, if any.")
@click.option("--summary", default="", help="A short description (never the post's text).")
@click.option("--trusted-flagger", is_flag=True, help="Reported by a trusted flagger (goes first).")
@AS
@db_option
def open_command(username: str | None, db: str | None, **fields: Any) -> None:
    """Open a case; it is routed to an office and, where someone is eligible, to a member of its staff.

    Opening the same --source and --ref again shows the case already opened."""
    fields["source"] = CaseSource(fields["source"])
    fields["category"] = Category(fields["category"])
    fields["severity"] = Severity(fields["severity"])
    with operator_work(service_settings(db), write=True) as uow:
        opened = cases.open_case_once(uow, actor=actor(uow, username), new=cases.NewCase(**fields), at=system_clock())
        uow.commit()
        case = opened.case
        verb = "opened" if opened.created else "exists"
        click.echo(f"{verb}: {case.id} in {case.office_id}, {_assigned(uow, case.assignee_id)}")


@cases_group.command("step")
@click.argument("case_id")
@click.argument("to", type=click.Choice([s.value for s in CaseState]))
@click.option(
    "--outcome", default=None, type=click.Choice([o.value for o in CaseOutcome]), help="When deciding or closing early."
)
@REASON
@AS
@db_option
def step_command(case_id: str, to: str, outcome: str | None, reason: str, username: str | None, db: str | None) -> None:
    """Move CASE_ID to state TO; a step the procedure does not allow is refused with the allowed ones."""
    settings = service_settings(db)
    # A decision against content issues a statement citing the rulebook's article.
    policy = statement_policy(settings) if outcome is not None else None
    with operator_work(settings, write=True) as uow:
        case = cases.step_case(
            uow,
            actor=actor(uow, username),
            case_id=case_id,
            to=CaseState(to),
            reason=reason,
            outcome=None if outcome is None else CaseOutcome(outcome),
            at=system_clock(),
            policy=policy,
        )
        uow.commit()
    click.echo(f"{case.id} is {case.state}")


@cases_group.command("take")
@click.argument("case_id")
@click.option("--as", "username", required=True, metavar="USERNAME", help="The staff member who takes the case.")
@db_option
def take_command(case_id: str, username: str, db: str | None) -> None:
    """Assign CASE_ID to the staff member named by --as (who must be able to work it)."""
    with operator_work(service_settings(db), write=True) as uow:
        cases.take_case(uow, actor=actor(uow, username), case_id=case_id, at=system_clock())
        uow.commit()
    click.echo(f"{case_id} is assigned to {username}")


@cases_group.command("assign")
@click.argument("case_id")
@click.option(
    "--to", "staff", default=None, metavar="USERNAME", help="A member of the case's office; default: by workload."
)
@REASON
@AS
@db_option
def assign_command(case_id: str, staff: str | None, reason: str, username: str | None, db: str | None) -> None:
    """Assign CASE_ID to --to, or to the least-loaded eligible member of its office."""
    with operator_work(service_settings(db), write=True) as uow:
        case = cases.assign_case(
            uow, actor=actor(uow, username), case_id=case_id, staff=staff, reason=reason, at=system_clock()
        )
        uow.commit()
        click.echo(f"{case.id}: {_assigned(uow, case.assignee_id)}")


def _assigned(uow: UnitOfWork, staff_id: str | None) -> str:
    if staff_id is None:
        return "unassigned (in the office's queue)"
    member = uow.identity.staff(staff_id)
    return f"assigned to {member.username if member else staff_id}"


def _row(case: CaseSummary) -> list[str]:
    flag = {"warning": "due soon", "breached": "OVERDUE"}.get(case.deadline_status or "", "")
    return [
        case.id,
        case.state,
        str(case.priority),
        case.office_id,
        case.assignee or "-",
        moment(case.deadline_at),
        flag,
    ]


def _render(detail: CaseDetail) -> str:
    lines = [
        f"{detail.id}  {detail.state}  priority {detail.priority}  ({detail.source} {detail.source_ref})",
        f"office:    {detail.office_name} ({detail.office_id}), jurisdiction {detail.jurisdiction}",
        f"assignee:  {detail.assignee or 'none'}",
        f"deadline:  {moment(detail.deadline_at)} {detail.deadline_status or ''}".rstrip(),
        f"category:  {detail.category}, severity {detail.severity}, escalations {detail.escalations}",
        f"basis:     {detail.regulation} Art. {detail.article}"
        + (f" - {detail.article_title}" if detail.article_title else ""),
        f"outcome:   {detail.outcome or '-'}",
        "next:      "
        + (
            ", ".join(
                step.to + (f" ({'|'.join(step.outcomes)})" if step.outcomes else "") for step in detail.next_steps
            )
            or "none"
        ),
        "timeline:",
        *(f"  {moment(e.at)}  {e.kind:<16} {e.actor}: {e.reason}" for e in detail.timeline),
    ]
    lines += (
        ["referrals:", *(f"  {r.id}  {r.agency}  {r.status}  {r.reference or ''}".rstrip() for r in detail.referrals)]
        if detail.referrals
        else []
    )
    lines += ["orders:", *(f"  {o.id}  {o.status}" for o in detail.orders)] if detail.orders else []
    return "\n".join(lines)


for _command in MOVES:
    cases_group.add_command(_command)
