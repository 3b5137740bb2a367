"""The base of every stage's typed settings.

It sits below `pipeline.stages` so that the configs of corpus steps (`pipeline.dedup.config`)
can derive from it without importing the stages that use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pipeline.errors import ConfigError

# The one name of a stage's rule switch: the rules, by name, the stage does not apply.
RULE_SWITCH = "disabled_rules"


@dataclass(frozen=True)
class StageConfig:
    """Base of every stage's typed settings. Fields carry their documentation in
    `field(metadata={"doc": ...})`; `validate` checks ranges after types are checked.

    A stage whose rules can be switched off has a `disabled_rules` field and names its
    rules in `rule_names`; its `validate` calls `check_rule_switch`, which rejects a
    name that is not one of them."""

    rule_names: ClassVar[tuple[str, ...]] = ()

    def validate(self) -> None:  # pragma: no cover - default has nothing to check
        return None

    def check_rule_switch(self) -> None:
        disabled = getattr(self, RULE_SWITCH, ())
        unknown = [rule for rule in disabled if rule not in self.rule_names]
        if unknown:
            known = ", ".join(sorted(self.rule_names)) or "none"
            raise ConfigError(f"{RULE_SWITCH}: unknown rule {unknown[0]!r} (known: {known})")
