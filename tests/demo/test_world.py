"""The demo world is a consistent jurisdiction tree with offices, staff and platforms in it."""

from __future__ import annotations

from netgov.demo import LEVELS, PLATFORM_ROLES, ROLES, DemoWorld, demo_world


def _codes(world: DemoWorld) -> set[str]:
    return {node.code for node in world.jurisdictions}


def test_the_world_is_the_same_on_every_call() -> None:
    assert demo_world() == demo_world()


def test_jurisdiction_codes_are_unique() -> None:
    world = demo_world()
    assert len(_codes(world)) == len(world.jurisdictions)


def test_there_is_one_national_root() -> None:
    roots = [node for node in demo_world().jurisdictions if node.parent is None]
    assert [(node.code, node.level) for node in roots] == [("ex", "national")]


def test_every_parent_exists_one_level_up_and_prefixes_the_code() -> None:
    world = demo_world()
    by_code = {node.code: node for node in world.jurisdictions}
    for node in world.jurisdictions:
        if node.parent is None:
            continue
        parent = by_code[node.parent]
        assert LEVELS.index(node.level) == LEVELS.index(parent.level) + 1, node.code
        assert node.code.startswith(parent.code + "."), node.code
        assert "." not in node.code.removeprefix(parent.code + "."), node.code


def test_every_level_is_populated_as_the_demo_needs() -> None:
    levels = [node.level for node in demo_world().jurisdictions]
    assert [levels.count(level) for level in LEVELS] == [1, 2, 4, 8]


def test_every_node_but_two_counties_has_exactly_one_office() -> None:
    world = demo_world()
    without = sorted(set(_codes(world)) - {office.jurisdiction for office in world.offices})
    assert without == ["ex.north.riverton.lower", "ex.south.lakeside.meadow"]
    assert len({office.jurisdiction for office in world.offices}) == len(world.offices)
    assert len({office.id for office in world.offices}) == len(world.offices)


def test_seated_regulators_sit_in_an_office_their_grant_covers() -> None:
    world = demo_world()
    offices = {office.id: office.jurisdiction for office in world.offices}
    seated = [member for member in world.staff if member.office is not None]
    assert len(seated) >= 8
    for member in seated:
        assert member.office in offices
        assert any(offices[member.office].startswith(g.jurisdiction or "~") for g in member.roles)


def test_the_national_office_has_the_national_name() -> None:
    national = next(office for office in demo_world().offices if office.jurisdiction == "ex")
    assert national.name == "National Online Content Office"


def test_usernames_are_unique_and_include_admin() -> None:
    usernames = [member.username for member in demo_world().staff]
    assert len(set(usernames)) == len(usernames)
    assert "admin" in usernames


def test_every_grant_names_a_known_role_and_an_existing_scope() -> None:
    world = demo_world()
    platforms = {platform.id for platform in world.platforms}
    for member in world.staff:
        assert member.roles, member.username
        for grant in member.roles:
            assert grant.role in ROLES
            if grant.role in PLATFORM_ROLES:
                assert (grant.jurisdiction, grant.platform in platforms) == (None, True), member.username
            else:
                assert (grant.jurisdiction in _codes(world), grant.platform) == (True, None), member.username


def test_the_national_staff_hold_the_oversight_roles() -> None:
    national = {(g.role, g.jurisdiction) for m in demo_world().staff for g in m.roles if g.jurisdiction == "ex"}
    assert national == {("administrator", "ex"), ("auditor", "ex"), ("supervisor", "ex")}


def test_two_county_officers_share_a_city_but_not_a_county() -> None:
    world = demo_world()
    by_code = {node.code: node for node in world.jurisdictions}
    counties = [
        g.jurisdiction
        for m in world.staff
        for g in m.roles
        if g.role == "regulator_officer" and g.jurisdiction and by_code[g.jurisdiction].level == "county"
    ]
    assert len(counties) == 2
    assert counties[0] != counties[1]
    assert by_code[counties[0]].parent == by_code[counties[1]].parent


def test_each_platform_has_an_admin_and_a_moderator() -> None:
    world = demo_world()
    grants = {(g.role, g.platform) for m in world.staff for g in m.roles if g.platform}
    expected = {(role, p.id) for p in world.platforms for role in ("platform_admin", "platform_moderator")}
    assert grants == expected


def test_platforms_are_registered_in_cities_of_the_world() -> None:
    world = demo_world()
    by_code = {node.code: node for node in world.jurisdictions}
    assert len(world.platforms) == 2
    assert all(by_code[platform.jurisdiction].level == "city" for platform in world.platforms)


def test_counties_are_the_leaves_of_the_tree() -> None:
    world = demo_world()
    parents = {node.parent for node in world.jurisdictions}
    leaves = {node.code for node in world.jurisdictions if node.code not in parents}
    assert {county.code for county in world.counties()} == leaves
