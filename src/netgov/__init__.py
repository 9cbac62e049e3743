"""netgov: online content governance under the rule of law.

from datetime import UTC, datetime
from netgov import Content, Engine, load_rulebook

engine = Engine(load_rulebook())            # the bundled rulebook, or a directory
decision = engine.decide(Content(id="1", platform="demo", text="..."), now=datetime.now(UTC))
print(decision.action, [hit.rule for hit in decision.rules])
"""

from netgov.core.actions import Action, Mode, Severity
from netgov.core.content import Account, Content, MediaRef
from netgov.core.decision import Decision, LegalGround, RuleHit, Source, StatementOfReasons
from netgov.core.engine import Engine
from netgov.core.rulebook.model import Rulebook
from netgov.core.signals import Evidence, Signal
from netgov.core.taxonomy import Category
from netgov.errors import NetgovError, RulebookError
from netgov.rulebook import load_rulebook

__all__ = [
    "Account",
    "Action",
    "Category",
    "Content",
    "Decision",
    "Engine",
    "Evidence",
    "LegalGround",
    "MediaRef",
    "Mode",
    "NetgovError",
    "RuleHit",
    "Rulebook",
    "RulebookError",
    "Severity",
    "Signal",
    "Source",
    "StatementOfReasons",
    "load_rulebook",
]
__version__ = "0.1.0"
