"""Benchmark: routing cases to offices and staff (``netgov.governance.routing``) on one core.

    python bench/routing.py [--cases 1000000] [--seed 20261129]

Builds a seeded jurisdiction tree of 3,000 nodes (1 country, 30 provinces, 300 cities, the
rest counties), 500 offices (the country, every province, 250 cities, 219 counties),
5,000 staff (three an office, the rest in proportion to the counties each office serves;
reviewers and officers, weekly capacities of 20-60, two to four certified categories
each), then routes --cases cases (random counties,
categories, severities, sources; 5% from trusted flaggers): office by jurisdiction, staff
by workload. Cases close first-in first-out once the open backlog reaches 60% of the total
weekly capacity, so the network runs at a steady load rather than filling up. Prints
cases/s against the 5,000 cases/s target, the time of a coverage report over the final
state, and the load average. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections import deque
from dataclasses import dataclass

from netgov.core.actions import Severity
from netgov.governance.coverage import coverage
from netgov.governance.routing import (
    SOURCE_RANK,
    JurisdictionTree,
    Office,
    OfficeDirectory,
    StaffMember,
    Workload,
    route_case,
)

TARGET = 5_000  # cases a second
CATEGORIES = ("fraud", "phishing", "malware", "abuse_imagery", "threat", "doxxing", "spam", "illegal_goods")
SEVERITIES = tuple(Severity)
SOURCES = tuple(SOURCE_RANK)


@dataclass(frozen=True, slots=True)
class Network:
    tree: JurisdictionTree
    offices: OfficeDirectory
    staff: list[StaffMember]
    counties: list[str]


@dataclass(frozen=True, slots=True)
class Case:
    jurisdiction: str
    category: str
    severity: Severity
    source: str
    trusted: bool


def network(rng: random.Random, *, nodes: int = 3_000, offices: int = 500, staff: int = 5_000) -> Network:
    provinces = [f"ex.p{p}" for p in range(30)]
    cities = [f"{province}.c{c}" for province in provinces for c in range(10)]
    counties = [f"{rng.choice(cities)}.k{k}" for k in range(nodes - 1 - len(provinces) - len(cities))]
    pairs: list[tuple[str, str | None]] = [("ex", None)]
    pairs += [(code, code.rpartition(".")[0]) for code in provinces + cities + counties]
    tree = JurisdictionTree(pairs)
    city_offices = rng.sample(cities, 250)  # most cities have an office
    county_offices = rng.sample(counties, offices - 1 - len(provinces) - len(city_offices))
    placed = ["ex", *provinces, *city_offices, *county_offices]
    directory = OfficeDirectory(tree, [Office(f"office.{code}", code) for code in placed])
    homes = _staff_offices(rng, directory, counties, staff)
    members = [_member(rng, f"s{i:05d}", office) for i, office in enumerate(homes)]
    return Network(tree, directory, members, counties)


def _staff_offices(rng: random.Random, directory: OfficeDirectory, counties: list[str], staff: int) -> list[str]:
    """Three staff per office, the rest in proportion to the counties whose cases reach the office."""
    served = dict.fromkeys(directory.offices, 1)
    for county in counties:
        served[directory.route(county).office] += 1
    homes = [office for office in directory.offices for _ in range(3)]
    return homes + rng.choices(list(served), weights=list(served.values()), k=staff - len(homes))


def _member(rng: random.Random, staff_id: str, office: str) -> StaffMember:
    roles = frozenset(rng.choice([("reviewer",), ("reviewer",), ("officer",), ("reviewer", "officer")]))
    certifications = frozenset(rng.sample(CATEGORIES, rng.randint(2, 4)))
    return StaffMember(staff_id, office, roles, rng.randint(20, 60), 0, certifications)


def cases(rng: random.Random, counties: list[str], count: int) -> list[Case]:
    return [
        Case(
            rng.choice(counties),
            rng.choice(CATEGORIES),
            rng.choice(SEVERITIES),
            rng.choice(SOURCES),
            rng.random() < 0.05,
        )
        for _ in range(count)
    ]


def run(net: Network, batch: list[Case]) -> tuple[float, int, Workload]:
    workload = Workload(net.staff)
    backlog = int(0.6 * sum(member.capacity for member in net.staff))
    open_cases: deque[str] = deque()
    unassigned = 0
    started = time.perf_counter()
    for case in batch:
        routing = route_case(
            net.offices,
            workload,
            jurisdiction=case.jurisdiction,
            category=case.category,
            role="officer" if case.source == "order" else "reviewer",
            severity=case.severity,
            source=case.source,
            trusted_flagger=case.trusted,
        )
        if routing.staff is None:
            unassigned += 1
            continue
        open_cases.append(routing.staff)
        if len(open_cases) > backlog:
            workload.release(open_cases.popleft())
    return time.perf_counter() - started, unassigned, workload


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261129)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    rng = random.Random(args.seed)
    built = time.perf_counter()
    net = network(rng)
    print(
        f"network: {len(net.tree):,} jurisdictions, {len(net.offices.offices)} offices, {len(net.staff):,} staff "
        f"(built in {time.perf_counter() - built:.2f} s)"
    )
    batch = cases(rng, net.counties, args.cases)
    elapsed, unassigned, workload = run(net, batch)
    rate = len(batch) / elapsed
    print(
        f"routed {len(batch):,} cases in {elapsed:.2f} s: {rate:,.0f} cases/s, "
        f"{rate / TARGET:.1f}x the target of {TARGET:,} cases/s ({1e6 / rate:.2f} us a case)"
    )
    print(f"no eligible staff (caller escalates): {unassigned:,} ({unassigned / len(batch):.1%})")
    started = time.perf_counter()
    report = coverage(net.tree, net.offices, workload.snapshot(), overload_ratio=30)
    print(
        f"coverage report: {(time.perf_counter() - started) * 1000:.1f} ms "
        f"({len(report.gaps):,} gaps, {len(report.overloaded)} offices over 30 open cases per staff member)"
    )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
