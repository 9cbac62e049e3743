from __future__ import annotations

from importlib.metadata import EntryPoint
from types import ModuleType

import pytest

from netgov.core.detection import DetectorRegistry
from netgov.detectors.lexicon import LexiconFactory
from netgov.errors import DuplicateDetectorError
from netgov.plugins import default_registry, hookimpl, plugin_manager


def test_the_registry_refuses_a_second_detector_with_the_same_name() -> None:
    registry = DetectorRegistry([LexiconFactory()])
    with pytest.raises(DuplicateDetectorError, match="'lexicon' is already registered"):
        registry.register(LexiconFactory())


def test_the_built_in_detectors_arrive_through_the_plugin_hook() -> None:
    assert {"lexicon", "pattern"} <= set(default_registry(load_entry_points=False).names())


def test_a_plugin_module_adds_detectors_through_the_hook() -> None:
    class Shouting(LexiconFactory):
        name = "shouting"

    plugin = ModuleType("shouting_plugin")
    plugin.netgov_detectors = hookimpl(lambda: [Shouting()])  # type: ignore[attr-defined]
    manager = plugin_manager(load_entry_points=False)
    manager.register(plugin)
    names = [factory.name for batch in manager.hook.netgov_detectors() for factory in batch]
    assert "shouting" in names


def test_entry_points_use_the_netgov_group() -> None:
    point = EntryPoint(name="x", value="x", group="netgov")
    assert point.group == "netgov"
