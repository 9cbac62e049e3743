"""compile_rulebook: parse and validate every source, then build the Plan.

Every problem in every file is collected before anything is raised, so one run of
``netgov rules check`` shows the author everything that needs fixing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime

from netgov.core.conditions import signal_keys
from netgov.core.detection import BuildContext, Detector, DetectorRegistry
from netgov.core.lists import EntryList, parse_entry_list
from netgov.core.plan import CompiledRule, Plan, compile_rule
from netgov.core.regulation import Regulation
from netgov.core.rule import Rule
from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.core.rulebook.located import parse_yaml
from netgov.core.rulebook.model import Rulebook
from netgov.core.rulebook.regulations import parse_regulation
from netgov.core.rulebook.rules import RuleParser
from netgov.core.rulebook.sources import LIST_KINDS, SourceFile, content_version
from netgov.core.text import Normalizer
from netgov.errors import RulebookError


def compile_rulebook(
    sources: Sequence[SourceFile],
    *,
    registry: DetectorRegistry,
    normalizer: Normalizer,
    at: datetime,
    options: Mapping[str, str] | None = None,
    files: Mapping[str, bytes] | None = None,
) -> Rulebook:
    """Raise RulebookError listing every problem, or return the Rulebook and its Plan.

    ``at`` is the time the rulebook is checked for: a rule whose article has stopped
    being in force by then is an error; one whose article starts later is a warning.
    """
    problems: list[Diagnostic] = []
    lists = _parse_lists(sources, problems)
    regulations = _parse_regulations(sources, problems)
    context = BuildContext(lists, normalizer, dict(options or {}), dict(files or {}))
    catalog = {factory.name: factory.labels(context) for factory in registry}
    parser = RuleParser(regulations=regulations, catalog=catalog, problems=problems)
    rules = _parse_rules(sources, parser, problems)
    compiled = [compile_rule(rule, regulations.get(rule.basis.regulation, ())) for rule in rules]
    warnings = _check_in_force(compiled, at, problems)
    detectors = _build_detectors(rules, registry, context, problems)
    warnings += [p for p in problems if p.severity == "warning"]
    warnings += _unused_lists(rules, lists, catalog)
    errors = sorted(p for p in problems if p.severity == "error")
    if errors:
        raise RulebookError(errors)
    plan = Plan(
        version=content_version(sources, files or {}),
        normalizer=normalizer,
        detectors=tuple(detectors),
        rules=tuple(compiled),
        signal_free_rules=tuple(c for c in compiled if not c.needs_signal),
    )
    all_regulations = tuple(r for versions in regulations.values() for r in versions)
    return Rulebook(plan.version, all_regulations, tuple(rules), lists, plan, tuple(warnings))


def _parse_lists(sources: Sequence[SourceFile], problems: list[Diagnostic]) -> dict[str, dict[str, EntryList]]:
    lists: dict[str, dict[str, EntryList]] = defaultdict(dict)
    for source in sources:
        if source.kind not in LIST_KINDS:
            continue
        parsed, found = parse_entry_list(source.kind, source.name, source.path, source.text)
        problems.extend(found)
        if source.name in lists[source.kind]:
            other = lists[source.kind][source.name].path
            problems.append(
                Diagnostic(
                    source.path,
                    1,
                    1,
                    f"a {source.kind} named {source.name!r} already exists ({other})",
                )
            )
            continue
        lists[source.kind][source.name] = parsed
    return dict(lists)


def _parse_regulations(sources: Sequence[SourceFile], problems: list[Diagnostic]) -> dict[str, list[Regulation]]:
    found: dict[str, list[Regulation]] = defaultdict(list)
    for source in sources:
        if source.kind != "regulation":
            continue
        document, syntax = parse_yaml(source.path, source.text)
        problems.extend(syntax)
        regulation = parse_regulation(document, problems)
        if regulation is None:
            continue
        clash = _overlapping(regulation, found[regulation.id])
        if clash is not None:
            problems.append(Diagnostic(source.path, 1, 1, clash))
            continue
        found[regulation.id].append(regulation)
    return dict(found)


def _overlapping(new: Regulation, existing: Sequence[Regulation]) -> str | None:
    for old in existing:
        if old.version == new.version:
            return f"regulation {new.id!r} version {new.version!r} is defined twice"
        new_ends_after_old_starts = new.effective_until is None or new.effective_until > old.effective_from
        old_ends_after_new_starts = old.effective_until is None or old.effective_until > new.effective_from
        if new_ends_after_old_starts and old_ends_after_new_starts:
            return (
                f"versions {old.version!r} and {new.version!r} of regulation {new.id!r} are in force "
                "at the same time; give the older one an effective_until"
            )
    return None


def _parse_rules(sources: Sequence[SourceFile], parser: RuleParser, problems: list[Diagnostic]) -> list[Rule]:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for source in sources:
        if source.kind != "rule":
            continue
        document, syntax = parse_yaml(source.path, source.text)
        problems.extend(syntax)
        for rule, node in parser.parse_document(document):
            if rule.id in seen:
                problems.append(
                    Diagnostic(
                        source.path,
                        node.line,
                        node.column,
                        f"duplicate rule id {rule.id!r}, first defined at {seen[rule.id]}",
                    )
                )
                continue
            seen[rule.id] = rule.source
            rules.append(rule)
    return rules


def _check_in_force(compiled: Sequence[CompiledRule], at: datetime, problems: list[Diagnostic]) -> list[Diagnostic]:
    warnings: list[Diagnostic] = []
    for item in compiled:
        rule = item.rule
        path, line, column = rule.source.rsplit(":", 2)
        if item.ground_at(at) is not None:
            continue
        if any(p.start > at for p in item.periods):
            start = min(p.start for p in item.periods if p.start > at)
            warnings.append(
                Diagnostic(
                    path,
                    int(line),
                    int(column),
                    f"rule {rule.id!r}: {rule.basis} is not in force until {start:%Y-%m-%d}; "
                    "the rule will not fire before then",
                    "warning",
                )
            )
            continue
        problems.append(
            Diagnostic(
                path,
                int(line),
                int(column),
                f"rule {rule.id!r}: {rule.basis} is no longer in force on {at:%Y-%m-%d}; "
                "cite an article in force or remove the rule",
            )
        )
    return warnings


def _unused_lists(
    rules: Sequence[Rule], lists: dict[str, dict[str, EntryList]], catalog: Mapping[str, frozenset[str]]
) -> list[Diagnostic]:
    """Lists that no rule cites. Only kinds that are themselves a detector family whose
    labels are list names (lexicon, pattern) can be cited one by one; other lists, such
    as domain lists, feed a detector as a whole."""
    used = {key for rule in rules for key in signal_keys(rule.condition)}
    return [
        Diagnostic(entry_list.path, 1, 1, f"no rule uses the {kind} {name!r}", "warning")
        for kind, named in lists.items()
        if kind in catalog
        for name, entry_list in named.items()
        if f"{kind}/{name}" not in used
    ]


def _build_detectors(
    rules: Sequence[Rule],
    registry: DetectorRegistry,
    context: BuildContext,
    problems: list[Diagnostic],
) -> list[Detector]:
    wanted: dict[str, set[str]] = defaultdict(set)
    for rule in rules:
        for key in signal_keys(rule.condition):
            family, _, label = key.partition("/")
            wanted[family].add(label)
    detectors: list[Detector] = []
    for factory in registry:
        built = factory.build(context, frozenset(wanted.get(factory.name, ())))
        problems.extend(built.problems)
        if built.detector is not None:
            detectors.append(built.detector)
    return detectors
