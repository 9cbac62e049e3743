"""``netgov staff``: create staff accounts and list them, as the operator on the machine."""

from __future__ import annotations

import sys

import click

from netgov.cli.listing import echo_table, moment
from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import operator_work
from netgov.identity.principal import Grant
from netgov.identity.roles import Role
from netgov.identity.secrets import Passwords, new_password
from netgov.service.clock import system_clock
from netgov.service.offices import seat_staff
from netgov.service.permissions import SYSTEM
from netgov.service.staff import create_staff, principal_of

STAFF_ROLES = [role.value for role in Role if role is not Role.PLATFORM_CLIENT]


@click.group("staff")
def staff_group() -> None:
    """Staff accounts of regulator offices and platform trust & safety teams.

    These commands act as the system principal (the operator of this machine); the
    audit log records them as `system:netgov`.
    """


@staff_group.command("create")
@click.argument("username")
@click.option("--name", "display_name", required=True, help='The person\'s display name, e.g. "Avery Quinn".')
@click.option("--role", required=True, type=click.Choice(STAFF_ROLES), help="The role to grant.")
@click.option("--jurisdiction", default=None, metavar="CODE", help="Where a regulator role applies (with its subtree).")
@click.option("--platform", default=None, metavar="ID", help="The platform a platform role applies to.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of generating one.")
@click.option("--office", default=None, metavar="ID", help="Seat a regulator in this office (within --jurisdiction).")
@click.option("--capacity", type=click.IntRange(min=0), default=20, show_default=True, help="Open cases at most.")
@db_option
def create(
    username: str,
    display_name: str,
    role: str,
    jurisdiction: str | None,
    platform: str | None,
    password_stdin: bool,
    office: str | None,
    capacity: int,
    db: str | None,
) -> None:
    """Create staff account USERNAME with one role over a jurisdiction or a platform.

    Regulator roles (administrator, regulator_officer, reviewer, supervisor, auditor)
    take --jurisdiction; platform roles (platform_admin, platform_moderator) take
    --platform. Without --password-stdin a password is generated and printed once.
    --office seats a regulator in an office their jurisdiction covers, where routing gives
    them at most --capacity open cases.
    """
    if (jurisdiction is None) == (platform is None):
        raise click.UsageError("give exactly one of --jurisdiction CODE or --platform ID")
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else new_password()
    grant = Grant(role=Role(role), jurisdiction=jurisdiction, platform=platform)
    with operator_work(service_settings(db), write=True) as uow:
        create_staff(
            uow,
            actor=SYSTEM,
            username=username,
            display_name=display_name,
            password=password,
            grants=(grant,),
            passwords=Passwords(),
            at=system_clock(),
            office=office,
            weekly_capacity=capacity,
        )
        uow.commit()
    click.echo(f"created staff account {username}: {grant.describe()}" + (f", seated in {office}" if office else ""))
    if not password_stdin:
        click.echo(f"password: {password}  (shown once; it is stored only as a hash)")


@staff_group.command("seat")
@click.argument("username")
@click.option("--office", default=None, metavar="ID", help="The office to work in.")
@click.option("--no-office", is_flag=True, help="Take the member out of their office.")
@click.option("--capacity", type=click.IntRange(min=0), default=None, help="Open cases at most (default: unchanged).")
@db_option
def seat(username: str, office: str | None, no_office: bool, capacity: int | None, db: str | None) -> None:
    """Seat regulator USERNAME in an office their grants cover, and/or set their weekly capacity:
    the open cases routing gives them at most. The coverage report counts seated staff only."""
    if office is not None and no_office:
        raise click.UsageError("give --office ID or --no-office, not both")
    with operator_work(service_settings(db), write=True) as uow:
        current = uow.identity.staff_by_username(username)
        seat_in = None if no_office or current is None else office or current.office_id
        row = seat_staff(uow, actor=SYSTEM, username=username, office_id=seat_in, capacity=capacity, at=system_clock())
        uow.commit()
    click.echo(f"{username}: {row.office_id or 'no office'}, capacity {row.weekly_capacity}")


@staff_group.command("list")
@db_option
def list_staff(db: str | None) -> None:
    """List staff accounts: username, display name, roles with their scope, office, capacity, created, status."""
    rows = []
    with operator_work(service_settings(db), write=False) as uow:
        for staff in uow.identity.all_staff():
            roles = "; ".join(grant.describe() for grant in principal_of(uow, staff).grants)
            status = "disabled" if staff.disabled else "active"
            seat = [staff.office_id or "-", str(staff.weekly_capacity) if staff.office_id else "-"]
            rows.append([staff.username, staff.display_name, roles, *seat, moment(staff.created_at), status])
    headers = ["username", "name", "roles", "office", "capacity", "created", "status"]
    echo_table(headers, rows, empty="no staff accounts")
