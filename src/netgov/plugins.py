"""Plug-in hooks (pluggy). netgov's own detectors are registered through them too.

A third-party package adds detectors by exposing a module under the ``netgov`` entry-point
group that implements the hooks below with ``@netgov.plugins.hookimpl``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import pluggy

from netgov.core.detection import DetectorFactory, DetectorRegistry

hookspec = pluggy.HookspecMarker("netgov")
hookimpl = pluggy.HookimplMarker("netgov")

ENTRY_POINT_GROUP = "netgov"


class NetgovSpec:
    @hookspec
    def netgov_detectors(self) -> Sequence[DetectorFactory]:  # type: ignore[empty-body]
        """Return detector factories to register; each family name must be unique."""


def plugin_manager(*, load_entry_points: bool = True) -> pluggy.PluginManager:
    manager = pluggy.PluginManager("netgov")
    manager.add_hookspecs(NetgovSpec)
    from netgov.detectors import builtin

    manager.register(builtin, name="netgov.detectors.builtin")
    if load_entry_points:
        manager.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    return manager


def default_registry(*, load_entry_points: bool = True) -> DetectorRegistry:
    """Every detector family: the built-in ones and those of installed plug-ins.

    A new registry each call, over factories discovered once per process: factories
    keep what they load (grammars, suffix lists) for the next rulebook.
    """
    return DetectorRegistry(_factories(load_entry_points))


@functools.cache
def _factories(load_entry_points: bool) -> tuple[DetectorFactory, ...]:
    manager = plugin_manager(load_entry_points=load_entry_points)
    return tuple(factory for factories in manager.hook.netgov_detectors() for factory in factories)
