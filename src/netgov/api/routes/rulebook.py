"""The public rulebook: regulations with their articles, rules with their legal basis,
and the rulebook versions this service has decided with. No API key needed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from netgov.api.deps import RuntimeDep
from netgov.api.schemas.openapi import problems
from netgov.api.schemas.rulebook import (
    RegulationDetail,
    RegulationList,
    RulebookVersionPublic,
    RulebookVersions,
    RuleDetail,
    RuleList,
    regulation_detail,
    regulation_summary,
    rule_detail,
    rule_summary,
)
from netgov.core.regulation import Regulation
from netgov.errors import NotFoundError
from netgov.service.rulebook_versions import rulebook_history

router = APIRouter(prefix="/v1", tags=["rulebook"])

RegulationId = Annotated[str, Path(max_length=200, description="A regulation id, e.g. `MOSR`")]
RuleId = Annotated[str, Path(max_length=200, description="A rule id, e.g. `scam.crypto-doubling`")]


@router.get("/regulations", summary="The regulations the rules cite")
async def list_regulations(runtime: RuntimeDep) -> RegulationList:
    """Each regulation in the rulebook with its versions and the one in force now."""
    rulebook = runtime.rulebook
    return RegulationList(
        rulebook_version=rulebook.version,
        regulations=[regulation_summary(versions, runtime.clock()) for versions in _by_id(rulebook.regulations)],
    )


@router.get("/regulations/{regulation_id}", summary="One regulation with its articles", responses=problems(404, 422))
async def get_regulation(regulation_id: RegulationId, runtime: RuntimeDep) -> RegulationDetail:
    """Every version of the regulation with the full text of each article and whether it is in force."""
    versions = runtime.rulebook.regulation_versions(regulation_id)
    if not versions:
        known = ", ".join(sorted({r.id for r in runtime.rulebook.regulations}))
        raise NotFoundError(f"no regulation {regulation_id!r}; the rulebook cites {known}")
    return regulation_detail(versions, runtime.clock())


@router.get("/rules", summary="The rules in force")
async def list_rules(runtime: RuntimeDep) -> RuleList:
    """Every rule with its category, action, severity, mode (`enforce` or `shadow`) and basis."""
    rulebook = runtime.rulebook
    return RuleList(rulebook_version=rulebook.version, rules=[rule_summary(rule) for rule in rulebook.rules])


@router.get("/rules/{rule_id}", summary="One rule with its condition and legal basis", responses=problems(404, 422))
async def get_rule(rule_id: RuleId, runtime: RuntimeDep) -> RuleDetail:
    """The rule's condition in words, the signals it tests, and the text of the article it
    relies on in each version of the regulation (like `netgov rules explain`)."""
    rule = runtime.rulebook.rule(rule_id)
    if rule is None:
        raise NotFoundError(f"no rule {rule_id!r}; GET /v1/rules lists them")
    return rule_detail(rule, runtime.rulebook, runtime.clock())


@router.get("/rulebook/versions", summary="The rulebook versions this service has decided with")
def list_rulebook_versions(runtime: RuntimeDep) -> RulebookVersions:
    """Each version with when it was first used and its size; `active` is the one deciding now.
    Decisions name their version in `rulebook_version`."""
    active = runtime.rulebook.version
    with runtime.uow() as uow:
        rows = rulebook_history(uow)
    versions = [
        RulebookVersionPublic(
            version=row.version,
            first_used_at=row.first_used_at,
            rules=row.rules,
            regulations=row.regulations,
            active=row.version == active,
        )
        for row in rows
    ]
    return RulebookVersions(active=active, versions=versions)


def _by_id(regulations: tuple[Regulation, ...]) -> list[tuple[Regulation, ...]]:
    ids = sorted({regulation.id for regulation in regulations})
    return [tuple(r for r in regulations if r.id == regulation_id) for regulation_id in ids]
