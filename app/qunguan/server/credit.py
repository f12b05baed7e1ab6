"""The published credit rule set (a data file, not code) and how it moves scores."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from qunguan.contract.taxonomy import ReasonCode

RULES_FILE = Path(__file__).with_name("rules") / "credit_rules.json"


@dataclass(frozen=True)
class CreditMove:
    #: "sender", "owner" or "target": whose credit moves.
    party: str
    delta: int
    rule: str


@dataclass(frozen=True)
class CreditRules:
    version: str
    initial: int
    maximum: int
    minimum: int
    restore_points: int
    restore_every_days: int
    severity_multiplier: dict[int, float]
    sanctions: dict[str, dict[str, int]]
    tiers: tuple[tuple[int, tuple[str, ...]], ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CreditRules:
        return cls(
            version=str(data["version"]),
            initial=int(data["initial"]),
            maximum=int(data["maximum"]),
            minimum=int(data["minimum"]),
            restore_points=int(data["restore"]["points"]),
            restore_every_days=int(data["restore"]["every_days"]),
            severity_multiplier={int(k): float(v) for k, v in data["severity_multiplier"].items()},
            sanctions={str(k): {str(p): int(d) for p, d in v.items()} for k, v in data["sanctions"].items()},
            tiers=tuple((int(t["below"]), tuple(t["limits"])) for t in data["tiers"]),
        )

    def moves(self, action: str, reason: ReasonCode | None) -> list[CreditMove]:
        parties = self.sanctions.get(action, {})
        mult = self.severity_multiplier.get(int(reason.info.severity), 1.0) if reason else 1.0
        return [
            CreditMove(party=party, delta=round(delta * mult), rule=f"sanction.{action}.{party}")
            for party, delta in parties.items()
        ]

    def clamp(self, score: int) -> int:
        return max(self.minimum, min(self.maximum, score))

    def limits(self, score: int) -> list[str]:
        return [limit for below, limits in self.tiers if score < below for limit in limits]


@cache
def load_rules(path: Path = RULES_FILE) -> CreditRules:
    return CreditRules.from_json(json.loads(path.read_text("utf-8")))
