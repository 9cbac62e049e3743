"""The category taxonomy, one-to-one with the DSA Transparency Database categories.

Using the Transparency Database's own names means statements of reasons export without
a translation table, and every platform's figures add up across the Union's database.
"""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    ANIMAL_WELFARE = "ANIMAL_WELFARE"
    CONSUMER_INFORMATION = "CONSUMER_INFORMATION"
    CYBER_VIOLENCE = "CYBER_VIOLENCE"
    CYBER_VIOLENCE_AGAINST_WOMEN = "CYBER_VIOLENCE_AGAINST_WOMEN"
    DATA_PROTECTION_AND_PRIVACY_VIOLATIONS = "DATA_PROTECTION_AND_PRIVACY_VIOLATIONS"
    ILLEGAL_OR_HARMFUL_SPEECH = "ILLEGAL_OR_HARMFUL_SPEECH"
    INTELLECTUAL_PROPERTY_INFRINGEMENTS = "INTELLECTUAL_PROPERTY_INFRINGEMENTS"
    NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS = "NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS"
    NOT_SPECIFIED_NOTICE = "NOT_SPECIFIED_NOTICE"
    OTHER_VIOLATION_TC = "OTHER_VIOLATION_TC"
    PROTECTION_OF_MINORS = "PROTECTION_OF_MINORS"
    RISK_FOR_PUBLIC_SECURITY = "RISK_FOR_PUBLIC_SECURITY"
    SCAMS_AND_FRAUD = "SCAMS_AND_FRAUD"
    SELF_HARM = "SELF_HARM"
    SCOPE_OF_PLATFORM_SERVICE = "SCOPE_OF_PLATFORM_SERVICE"
    UNSAFE_AND_PROHIBITED_PRODUCTS = "UNSAFE_AND_PROHIBITED_PRODUCTS"
    VIOLENCE = "VIOLENCE"

    @property
    def dsa_name(self) -> str:
        """The value the Transparency Database API expects in its ``category`` field."""
        return f"STATEMENT_CATEGORY_{self.value}"
