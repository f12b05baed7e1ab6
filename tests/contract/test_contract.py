"""The contract: the taxonomy and ladder of domain.md, actions, roles, and the models."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from qunguan.contract import models as api
from qunguan.contract.enums import ACTIONS, DRASTIC_ACTIONS, ROLE_PERMISSIONS, Action, Permission, Role, role_can
from qunguan.contract.problems import Problem
from qunguan.contract.taxonomy import REASONS, SANCTION_LADDER, ReasonCategory, ReasonCode, Severity


def test_taxonomy_has_every_code_of_domain_md_in_both_languages():
    assert len(REASONS) == 28
    assert sum(c.category is ReasonCategory.ILLEGAL for c in ReasonCode) == 11
    assert sum(c.category is ReasonCategory.NEGATIVE for c in ReasonCode) == 9
    assert sum(c.category is ReasonCategory.PLATFORM for c in ReasonCode) == 8
    for code, info in REASONS.items():
        assert info.code is code and info.en and info.zh
        assert any("\u4e00" <= ch <= "\u9fff" for ch in info.zh), code
    assert REASONS[ReasonCode.PLT_03].zh == "诈骗"
    assert ReasonCode("ILL-08").info.label("zh_CN") == "散布谣言，扰乱经济秩序和社会秩序"


def test_severity_defaults_follow_domain_md():
    assert all(REASONS[c].severity is Severity.HIGH and REASONS[c].suggests_authority_report
               for c in ReasonCode if c.category is ReasonCategory.ILLEGAL)
    assert all(REASONS[c].severity is Severity.MEDIUM for c in ReasonCode if c.category is ReasonCategory.NEGATIVE)
    assert REASONS[ReasonCode.PLT_02].severity is Severity.LOW
    assert REASONS[ReasonCode.PLT_03].severity is Severity.HIGH


def test_ladder_steps_five_and_six_take_two_people():
    assert {s.step for s in SANCTION_LADDER} == set(range(7))
    assert all(s.two_person == (s.step >= 5) for s in SANCTION_LADDER)


def test_every_action_is_specified_and_drastic_ones_need_two_people():
    assert set(ACTIONS) == set(Action)
    assert {Action.BAN, Action.BLACKLIST, Action.DISSOLVE_GROUP} == DRASTIC_ACTIONS
    for spec in ACTIONS.values():
        assert spec.en and spec.zh and spec.duration in ("required", "optional", "none")
    assert ACTIONS[Action.MUTE].duration == "required"
    assert not ACTIONS[Action.APPROVE].needs_reason


def test_roles():
    assert role_can(Role.ADMIN, Permission.MANAGE_MODERATORS)
    assert not role_can(Role.AUDITOR, Permission.DECIDE)
    assert not role_can(Role.MODERATOR, Permission.APPROVE)
    assert role_can(Role.SUPERVISOR, Permission.TAKEOVER)
    assert set(ROLE_PERMISSIONS) == set(Role)


def test_requests_ignore_unknown_fields_and_validate_the_rest():
    request = api.DecisionRequest.model_validate(
        {"case_id": 1, "action": "warn", "reason_code": "PLT-02", "expected_version": 1, "actor": "someone"}
    )
    assert not hasattr(request, "actor")
    with pytest.raises(ValidationError):
        api.DecisionRequest.model_validate({"case_id": 1, "action": "warn", "expected_version": -1})
    with pytest.raises(ValidationError):
        api.DecisionRequest.model_validate({"case_id": 1, "action": "explode", "expected_version": 1})
    with pytest.raises(ValidationError):
        api.LoginRequest.model_validate({"username": "a b", "password": "x"})


def test_problem_allows_extension_members():
    parsed = Problem.model_validate({"type": "urn:x", "title": "t", "status": 409, "current": {"id": 1}, "hint": "x"})
    assert parsed.current == {"id": 1}
    assert parsed.model_extra == {"hint": "x"}
