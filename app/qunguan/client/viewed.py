"""Reading the decision history with the platform gone: pages of the history and decisions
with their context are kept in the local cache as they are viewed, and read back from it when
the platform cannot be reached (saying when they were fetched)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from qunguan.contract import models as api

from .api import ApiClient
from .cache import Cache, without_personal_data
from .errors import Offline
from .integrity import case_trail

T = TypeVar("T")


@dataclass(frozen=True)
class Viewed(Generic[T]):
    value: T
    #: None when it came from the platform just now; else when the kept copy was fetched.
    kept_from: datetime | None = None


def history_key(params: dict[str, Any]) -> str:
    """One key per filter set and cursor (the order of the filters does not matter)."""
    return json.dumps({k: v for k, v in params.items() if v not in (None, [], "")}, sort_keys=True,
                      ensure_ascii=False, default=str)[:512]


class ViewedHistory:
    """The history and decision contexts, from the platform when it answers, else as kept."""

    def __init__(self, client: ApiClient, cache: Cache) -> None:
        self.client, self.cache = client, cache

    def _fetch(self, kind: str, key: str, fetch: Callable[[], T], dump: Callable[[T], str],
               load: Callable[[str], T]) -> Viewed[T]:
        try:
            value = fetch()
        except Offline:
            kept = self.cache.recall_viewed(kind, key)
            if kept is None:
                raise
            return Viewed(load(kept[0]), kept[1])
        self.cache.keep_viewed(kind, key, dump(value))
        return Viewed(value)

    def history(self, **params: Any) -> Viewed[api.Page[api.Decision]]:
        page = api.Page[api.Decision]
        return self._fetch("history", history_key(params), lambda: self.client.history(**params),
                           lambda p: p.model_dump_json(), page.model_validate_json)

    def context(self, decision_id: int) -> Viewed[api.DecisionContext]:
        def dump(context: api.DecisionContext) -> str:
            return (context if self.cache.personal_data else without_personal_data(context)).model_dump_json()

        return self._fetch("context", str(decision_id), lambda: self.client.decision_context(decision_id), dump,
                           api.DecisionContext.model_validate_json)

    def trail(self, case_id: int, decision_id: int) -> Viewed[list[api.AuditEvent]]:
        return self._fetch(
            "trail", f"{case_id}:{decision_id}", lambda: case_trail(self.client, case_id, decision_id),
            lambda events: json.dumps([e.model_dump(mode="json") for e in events]),
            lambda text: [api.AuditEvent.model_validate(e) for e in json.loads(text)])
