"""The platform API client: one requests.Session per login, timeouts on every call,
retries with backoff for idempotent calls, TLS always verified, responses parsed into
contract models, problems turned into typed errors."""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, ValidationError
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from qunguan.contract import API_PREFIX, IDEMPOTENCY_HEADER
from qunguan.contract import models as api
from qunguan.contract.problems import ProblemType
from qunguan.contract.stats import Stats

from .errors import (
    AccountDisabled,
    AccountLocked,
    AuthenticationFailed,
    BadResponse,
    CertificateRefused,
    Conflict,
    Forbidden,
    NotFound,
    Offline,
    ServerProblem,
    SessionExpired,
    TotpInvalid,
    TotpRequired,
)

_BY_STATUS: dict[int, type[ServerProblem]] = {403: Forbidden, 404: NotFound, 409: Conflict}
_LOGIN_FAILURES: dict[str, type[AuthenticationFailed]] = {
    ProblemType.ACCOUNT_LOCKED.value: AccountLocked,
    ProblemType.TOTP_REQUIRED.value: TotpRequired,
    ProblemType.TOTP_INVALID.value: TotpInvalid,
    ProblemType.ACCOUNT_DISABLED.value: AccountDisabled,
}

M = TypeVar("M", bound=BaseModel)

_JSON_TYPES = frozenset({"application/json", "application/problem+json"})
#: A \\uD800-\\uDFFF escape: text that may hold half a surrogate pair (which is not Unicode).
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")

#: Responses larger than this are refused (a hostile or broken server cannot exhaust memory).
MAX_RESPONSE_BYTES = 20 * 1024 * 1024
TIMEOUT = (5.0, 30.0)


class ApiClient:
    def __init__(self, base_url: str, *, ca_bundle: str | None = None, timeout: tuple[float, float] = TIMEOUT) -> None:
        self.base_url = base_url.rstrip("/")
        self.api = self.base_url + API_PREFIX
        self.timeout = timeout
        self.session = requests.Session()
        #: Passed with every request: a session-wide setting would lose to REQUESTS_CA_BUNDLE in
        #: the environment (requests' merge order), and the profile's CA bundle must win.
        self.verify: str | bool = ca_bundle or True
        self.session.verify = self.verify
        retry = Retry(
            total=3, connect=3, read=2, status=3, backoff_factor=0.3, backoff_jitter=0.2,
            status_forcelist=(429, 502, 503, 504), allowed_methods=frozenset({"GET", "HEAD"}),
            # Retry-After is honoured by the sync engine between rounds, not by sleeping in here:
            # a server asking for an hour must not hold a worker thread for an hour.
            respect_retry_after_header=False, raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["Accept"] = "application/json, application/problem+json"
        self.tokens: api.TokenPair | None = None
        #: Called with the new tokens whenever they change (login, refresh), e.g. to keep a
        #: remembered refresh token current in the keyring.
        self.on_tokens: Callable[[api.TokenPair], None] | None = None
        self._refresh_lock = threading.Lock()
        self._refresh_flight = threading.Lock()
        self._generation = 0  # bumped by every new token pair: a refresh is done once per generation

    # --- transport -----------------------------------------------------------------------------------

    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        generation = self._generation
        response = self._send(method, path, **kwargs)
        if (response.status_code == 401 and self.tokens is not None and not path.startswith("/auth/")
                and self._problem(response).problem_type == ProblemType.TOKEN_EXPIRED.value):
            self.refresh(generation)
            response = self._send(method, path, **kwargs)
        return response

    def _send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        try:
            response = self.session.request(method, self.api + path, timeout=self.timeout, stream=True,
                                            verify=self.verify, **kwargs)
        except requests.exceptions.SSLError as exc:
            raise CertificateRefused(f"The certificate of {self.base_url} could not be verified.") from exc
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise Offline(f"The platform at {self.base_url} cannot be reached.") from exc
        content = bytearray()
        try:
            for chunk in response.iter_content(64 * 1024):
                content.extend(chunk)
                if len(content) > MAX_RESPONSE_BYTES:
                    response.close()
                    raise BadResponse("The platform's answer was too large and was refused.", response.status_code)
        except requests.RequestException as exc:  # the body was cut off (connection closed, bad chunking)
            response.close()
            raise BadResponse("The platform's answer was cut off.", 0) from exc
        response._content = bytes(content)
        return response

    @staticmethod
    def _json(response: requests.Response) -> Any:
        kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind not in _JSON_TYPES:
            raise BadResponse(f"The platform answered with {kind or 'no content type'}, not JSON.",
                              response.status_code)
        try:
            data = json.loads(response.content, parse_constant=_reject_constant)
            if _SURROGATE_ESCAPE.search(response.content):  # rare: then check for lone halves properly
                json.dumps(data, ensure_ascii=False).encode("utf-8")
        except (ValueError, RecursionError, UnicodeError) as exc:
            raise BadResponse("The platform sent a malformed answer.", response.status_code) from exc
        return data

    def _problem(self, response: requests.Response) -> ServerProblem:
        try:
            body = self._json(response)
        except BadResponse:
            body = {}
        if not isinstance(body, dict):
            body = {}
        detail = body.get("detail") or body.get("title") or f"HTTP {response.status_code}"
        kind = _BY_STATUS.get(response.status_code, ServerProblem)
        return kind(str(detail)[:2000], response.status_code, str(body.get("type", "")), body,
                    retry_after=retry_after_seconds(response.headers.get("Retry-After")))

    def _parse(self, response: requests.Response, model: type[M]) -> M:
        if response.status_code >= 400:
            problem = self._problem(response)
            if response.status_code == 401:
                raise SessionExpired(problem.args[0])
            raise problem
        try:
            return model.model_validate(self._json(response))
        except ValidationError as exc:
            raise BadResponse("The platform's answer does not match the contract.", response.status_code) from exc

    # --- calls ------------------------------------------------------------------------------------------

    def login(self, username: str, password: str, totp: str | None = None) -> api.TokenPair:
        body = api.LoginRequest(username=username, password=password, totp=totp).model_dump(exclude_none=True)
        response = self._request("POST", "/auth/login", json=body)
        if response.status_code in (401, 403, 423):
            problem = self._problem(response)
            kind = _LOGIN_FAILURES.get(problem.problem_type, AuthenticationFailed)
            retry = response.headers.get("Retry-After") or problem.body.get("retry_after")
            raise kind(problem.args[0], problem.problem_type, int(retry) if str(retry or "").isdigit() else None)
        self.use(self._parse(response, api.TokenPair))
        assert self.tokens is not None
        return self.tokens

    def use(self, tokens: api.TokenPair) -> None:
        with self._refresh_lock:
            self.tokens = tokens
            self._generation += 1
            self.session.headers["Authorization"] = f"Bearer {tokens.access_token}"
        if self.on_tokens is not None:
            self.on_tokens(tokens)

    def resume(self, refresh_token: str) -> api.TokenPair:
        """Log in silently with a remembered refresh token (it rotates)."""
        body = api.RefreshRequest(refresh_token=refresh_token).model_dump()
        response = self._request("POST", "/auth/refresh", json=body, headers={"Authorization": None})
        if response.status_code in (401, 403):
            raise SessionExpired(self._problem(response).args[0])
        self.use(self._parse(response, api.TokenPair))
        assert self.tokens is not None
        return self.tokens

    def refresh(self, seen_generation: int | None = None) -> api.TokenPair:
        """Get a new access token. Single-flight: when many calls fail at once, the first
        refreshes and the others use its result."""
        with self._refresh_lock:
            tokens, generation = self.tokens, self._generation
        if tokens is None:
            raise SessionExpired("Not logged in.")
        if seen_generation is not None and generation != seen_generation:
            return tokens  # someone refreshed meanwhile
        with self._refresh_flight:
            if seen_generation is not None and self._generation != seen_generation:
                assert self.tokens is not None
                return self.tokens
            return self.resume(tokens.refresh_token)

    def logout(self) -> None:
        """End the session on the platform and forget the tokens."""
        tokens = self.tokens
        self.tokens = None
        self.session.headers.pop("Authorization", None)
        if tokens is not None:
            with contextlib.suppress(Offline):  # unreachable: the refresh token expires by itself
                self._request("POST", "/auth/logout", json={"refresh_token": tokens.refresh_token})

    def me(self) -> api.Moderator:
        return self._parse(self._request("GET", "/auth/me"), api.Moderator)

    def health(self) -> api.Health:
        return self._parse(self._request("GET", "/health"), api.Health)

    def counts(self) -> api.QueueCounts:
        return self._parse(self._request("GET", "/cases/counts"), api.QueueCounts)

    def cases(self, **params: Any) -> api.CasePage:
        return self._parse(self._request("GET", "/cases", params=params), api.CasePage)

    def changes(self, since: int, limit: int = 500) -> api.ChangesPage:
        return self._parse(self._request("GET", "/changes", params={"since": since, "limit": limit}), api.ChangesPage)

    def case(self, case_id: int, context: int = 10) -> api.CaseDetail:
        return self._parse(self._request("GET", f"/cases/{case_id}", params={"context": context}), api.CaseDetail)

    def group_messages(self, group_id: int, *, before: int | None = None, after: int | None = None,
                       limit: int = 10) -> api.MessagePage:
        params = {k: v for k, v in (("before", before), ("after", after), ("limit", limit)) if v is not None}
        return self._parse(self._request("GET", f"/groups/{group_id}/messages", params=params), api.MessagePage)

    def blast_radius(self, case_id: int, action: str, user_id: int | None = None) -> api.BlastRadius:
        """What a drastic action would touch; ``user_id``: a ban or blacklisting of the group's owner
        or an admin instead of the sender."""
        params: dict[str, Any] = {"action": action}
        if user_id is not None:
            params["user_id"] = user_id
        return self._parse(self._request("GET", f"/cases/{case_id}/blast-radius", params=params), api.BlastRadius)

    def claim(self, case_id: int, *, lease_seconds: int | None = None, takeover: bool = False) -> api.CaseSummary:
        body = api.ClaimRequest(takeover=takeover, **({"lease_seconds": lease_seconds} if lease_seconds else {}))
        return self._parse(
            self._request("POST", f"/cases/{case_id}/claim", json=body.model_dump()), api.CaseSummary
        )

    def release(self, case_id: int) -> api.CaseSummary:
        return self._parse(self._request("DELETE", f"/cases/{case_id}/claim"), api.CaseSummary)

    def decide(self, request: api.DecisionRequest, idempotency_key: str) -> api.DecisionResult:
        """Send a decision. The same key with the same body is safe to send again."""
        response = self._request(
            "POST", "/decisions", data=request.model_dump_json(exclude_none=True).encode(),
            headers={IDEMPOTENCY_HEADER: idempotency_key, "Content-Type": "application/json"},
        )
        return self._parse(response, api.DecisionResult)

    def user(self, user_id: int) -> api.PlatformUser:
        return self._parse(self._request("GET", f"/users/{user_id}"), api.PlatformUser)

    def group(self, group_id: int) -> api.Group:
        return self._parse(self._request("GET", f"/groups/{group_id}"), api.Group)

    def officer_actions(self, group_id: int, *, limit: int = 50, cursor: str | None = None
                        ) -> api.Page[api.OfficerAction]:
        """What the group's owner and admins did in it themselves, newest first."""
        params: dict[str, Any] = {"limit": limit, **({"cursor": cursor} if cursor else {})}
        return self._parse(self._request("GET", f"/groups/{group_id}/officer-actions", params=params),
                           api.Page[api.OfficerAction])

    def reveal(self, user_id: int, reason: str) -> api.PersonalData:
        body = api.RevealRequest(reason=reason).model_dump()
        return self._parse(self._request("POST", f"/users/{user_id}/reveal", json=body), api.PersonalData)

    def proposals(self) -> list[api.Proposal]:
        response = self._request("GET", "/proposals")
        return [api.Proposal.model_validate(p) for p in self._parse_list(response)]

    def review_proposal(self, proposal_id: int, approve: bool, note: str | None = None) -> api.DecisionResult:
        body = api.ProposalReview(approve=approve, note=note).model_dump(exclude_none=True)
        return self._parse(self._request("POST", f"/proposals/{proposal_id}/review", json=body), api.DecisionResult)

    # --- the supervisor's desk ------------------------------------------------------------------------

    def history(self, **filters: Any) -> api.Page[api.Decision]:
        """A page of the decision history (filters as the platform names them; ``cursor``)."""
        params = {k: v for k, v in filters.items() if v not in (None, "", [], ())}
        return self._parse(self._request("GET", "/decisions", params=params), api.Page[api.Decision])

    def decision_context(self, decision_id: int) -> api.DecisionContext:
        """The decision with the case as the platform showed it when the decision was recorded."""
        return self._parse(self._request("GET", f"/decisions/{decision_id}/context"), api.DecisionContext)

    def review(self, decision_id: int, verdict: str, reason: str) -> api.ReviewResult:
        body = api.ReviewRequest(verdict=verdict, reason=reason).model_dump()  # type: ignore[arg-type]
        return self._parse(self._request("POST", f"/decisions/{decision_id}/review", json=body), api.ReviewResult)

    def stats(self, since: str | None = None, until: str | None = None) -> Stats:
        params = {k: v for k, v in (("since", since), ("until", until)) if v}
        return self._parse(self._request("GET", "/stats", params=params), Stats)

    def appeals(self, status: str = "open") -> list[api.AppealView]:
        response = self._request("GET", "/appeals", params={"status": status})
        return [api.AppealView.model_validate(a) for a in self._parse_list(response)]

    def decide_appeal(self, appeal_id: int, verdict: str, reason: str) -> api.ReviewResult:
        body = api.AppealDecision(verdict=verdict, reason=reason).model_dump()  # type: ignore[arg-type]
        return self._parse(self._request("POST", f"/appeals/{appeal_id}/decide", json=body), api.ReviewResult)

    def audit(self, after: int = 0, limit: int = 1000, subject: str | None = None) -> api.Page[api.AuditEvent]:
        params: dict[str, Any] = {"after": after, "limit": limit}
        if subject:
            params["subject"] = subject
        return self._parse(self._request("GET", "/audit", params=params), api.Page[api.AuditEvent])

    def checkpoint(self) -> api.Checkpoint:
        return self._parse(self._request("GET", "/audit/checkpoint"), api.Checkpoint)

    def sign_export(self, rows: int, head: str, description: str = "") -> api.ExportSignature:
        body = api.ExportSignRequest(rows=rows, head=head, description=description[:500]).model_dump()
        return self._parse(self._request("POST", "/exports/sign", json=body), api.ExportSignature)

    # --- reports to the authorities --------------------------------------------------------------------

    def mark_reportable(self, decision_id: int, reportable: bool, note: str | None = None
                        ) -> api.ReportableDecision | None:
        body = api.ReportableRequest(reportable=reportable, note=note).model_dump()
        response = self._request("PUT", f"/decisions/{decision_id}/reportable", json=body)
        return None if response.status_code == 204 else self._parse(response, api.ReportableDecision)

    def reportable(self, delivered: bool | None = None, cursor: str | None = None) -> api.Page[api.ReportableDecision]:
        params: dict[str, Any] = {"limit": 200}
        if delivered is not None:
            params["delivered"] = "true" if delivered else "false"
        if cursor:
            params["cursor"] = cursor
        return self._parse(self._request("GET", "/reportable", params=params), api.Page[api.ReportableDecision])

    def record_delivery(self, request: api.DeliveryRequest) -> api.Delivery:
        body = request.model_dump(mode="json", exclude_none=True)
        return self._parse(self._request("POST", "/deliveries", json=body), api.Delivery)

    def deliveries(self) -> list[api.Delivery]:
        response = self._request("GET", "/deliveries", params={"limit": 200})
        return [api.Delivery.model_validate(d) for d in self._parse_list(response)]

    # --- emergency response ------------------------------------------------------------------------------

    def open_incident(self, title: str, definition: api.IncidentDefinition) -> api.Incident:
        body = api.IncidentOpen(title=title, definition=definition).model_dump(mode="json")
        return self._parse(self._request("POST", "/incidents", json=body), api.Incident)

    def incidents(self, status: str | None = None) -> list[api.Incident]:
        response = self._request("GET", "/incidents", params={"status": status} if status else None)
        return [api.Incident.model_validate(i) for i in self._parse_list(response)]

    def incident(self, incident_id: int) -> api.Incident:
        return self._parse(self._request("GET", f"/incidents/{incident_id}"), api.Incident)

    def preview_incident(self, incident_id: int) -> api.IncidentPreview:
        return self._parse(self._request("GET", f"/incidents/{incident_id}/preview"), api.IncidentPreview)

    def preview_definition(self, definition: api.IncidentDefinition) -> api.IncidentPreview:
        body = definition.model_dump(mode="json")
        return self._parse(self._request("POST", "/incident-preview", json=body), api.IncidentPreview)

    def apply_stage(self, incident_id: int, request: api.StageRequest, key: str) -> api.Incident:
        """One stage, applied once for ``key`` (a retry with the same key changes nothing)."""
        response = self._request("POST", f"/incidents/{incident_id}/stages", json=request.model_dump(mode="json"),
                                 headers={IDEMPOTENCY_HEADER: key})
        return self._parse(response, api.Incident)

    def undo_stage(self, incident_id: int, stage: int) -> api.Incident:
        return self._parse(self._request("POST", f"/incidents/{incident_id}/stages/{stage}/undo"), api.Incident)

    def close_incident(self, incident_id: int) -> api.Incident:
        return self._parse(self._request("POST", f"/incidents/{incident_id}/close"), api.Incident)

    def reveals(self, moderator: str | None = None) -> api.RevealLog:
        """Reveals of personal data from the audit chain (newest first) and counts per staff member."""
        params = {"limit": 200, **({"moderator": moderator} if moderator else {})}
        return self._parse(self._request("GET", "/reveals", params=params), api.RevealLog)

    # --- exports of personal data (a second supervisor approves) -------------------------------------

    def pi_exports(self, status: str | None = None) -> list[api.PiExport]:
        params = {"limit": 200, **({"status": status} if status else {})}
        return [api.PiExport.model_validate(e) for e in self._parse_list(self._request("GET", "/pi-exports",
                                                                                        params=params))]

    def request_pi_export(self, reason: str, *, user_ids: list[int] | None = None,
                          incident_id: int | None = None) -> api.PiExport:
        body = api.PiExportRequest(user_ids=user_ids, incident_id=incident_id, reason=reason)
        return self._parse(self._request("POST", "/pi-exports", json=body.model_dump(exclude_none=True)),
                           api.PiExport)

    def review_pi_export(self, export_id: int, approve: bool, note: str | None = None) -> api.PiExport:
        body = api.PiExportReview(approve=approve, note=note).model_dump(exclude_none=True)
        return self._parse(self._request("POST", f"/pi-exports/{export_id}/review", json=body), api.PiExport)

    def download_pi_export(self, export_id: int) -> api.PiExportData:
        """The approved export's data: the platform gives it once."""
        return self._parse(self._request("GET", f"/pi-exports/{export_id}/data"), api.PiExportData)

    def public_key(self) -> api.PublicKey:
        return self._parse(self._request("GET", "/audit/public-key"), api.PublicKey)

    def _parse_list(self, response: requests.Response) -> list[Any]:
        if response.status_code >= 400:
            self._parse(response, api.Health)  # raises the problem
        body = self._json(response)
        if not isinstance(body, list):
            raise BadResponse("The platform's answer does not match the contract.", response.status_code)
        return body


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds from now: delta-seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")
