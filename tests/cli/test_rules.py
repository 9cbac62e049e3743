from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from netgov.cli.main import cli

BROKEN = Path(__file__).parents[1] / "fixtures" / "broken-rulebook"


def test_rules_check_passes_on_the_bundled_rulebook() -> None:
    result = CliRunner().invoke(cli, ["rules", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok:")


def test_rules_check_prints_every_error_and_exits_1_on_a_broken_rulebook() -> None:
    result = CliRunner().invoke(cli, ["rules", "check", str(BROKEN), "--at", "2026-06-01"])
    assert result.exit_code == 1
    assert "broken.yaml:8:16: error:" in result.output
    assert "errors; the rulebook was not loaded" in result.output


def test_rules_check_reports_a_failing_example(tmp_path: Path) -> None:
    from tests.factories import rule_yaml, simple_rule, write_rulebook

    rule = simple_rule().replace('no_match: ["nothing to see"]', 'no_match: ["free money"]')
    write_rulebook(tmp_path, {"rules/test.yaml": rule_yaml(rule)})
    result = CliRunner().invoke(cli, ["rules", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert "should not match but did: 'free money'" in result.output


def test_rules_explain_prints_the_article_text(tmp_path: Path) -> None:
    from tests.factories import rule_yaml, simple_rule, write_rulebook

    write_rulebook(tmp_path, {"rules/test.yaml": rule_yaml(simple_rule())})
    result = CliRunner().invoke(cli, ["rules", "explain", "t.scam", "--rules", str(tmp_path)])
    assert result.exit_code == 0
    assert "Article 1. Scams" in result.output
    assert "Scams are illegal." in result.output


def test_rules_explain_names_the_known_rules_when_the_id_is_wrong(tmp_path: Path) -> None:
    from tests.factories import rule_yaml, simple_rule, write_rulebook

    write_rulebook(tmp_path, {"rules/test.yaml": rule_yaml(simple_rule())})
    result = CliRunner().invoke(cli, ["rules", "explain", "nope", "--rules", str(tmp_path)])
    assert result.exit_code == 1
    assert "t.scam" in result.output


def test_rules_list_shows_every_rule_with_its_basis(tmp_path: Path) -> None:
    from tests.factories import rule_yaml, simple_rule, write_rulebook

    write_rulebook(tmp_path, {"rules/test.yaml": rule_yaml(simple_rule())})
    result = CliRunner().invoke(cli, ["rules", "list", "--rules", str(tmp_path)])
    assert result.exit_code == 0
    assert "t.scam" in result.output
    assert "TEST Art. 1" in result.output


def test_an_unused_list_is_a_warning(tmp_path: Path) -> None:
    from tests.factories import rule_yaml, simple_rule, write_rulebook

    write_rulebook(tmp_path, {"rules/test.yaml": rule_yaml(simple_rule()), "lexicons/spare.txt": "spare\n"})
    result = CliRunner().invoke(cli, ["rules", "check", str(tmp_path)])
    assert result.exit_code == 0
    assert "warning: no rule uses the lexicon 'spare'" in result.output
