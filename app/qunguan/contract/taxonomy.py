"""The reason taxonomy and the sanction ladder (see domain.md).

Codes are stable and part of the API; labels are data in both languages so that the
platform, the workstation and exported reports all say the same thing.  The workstation
still passes labels through Qt's translation for display (issue: translations).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum


class ReasonCategory(StrEnum):
    """ILL: illegal information (2019 Provisions Art. 6); NEG: negative information (Art. 7);
    PLT: platform rules."""

    ILLEGAL = "ILL"
    NEGATIVE = "NEG"
    PLATFORM = "PLT"


class Severity(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3


class ReasonCode(StrEnum):
    ILL_01 = "ILL-01"
    ILL_02 = "ILL-02"
    ILL_03 = "ILL-03"
    ILL_04 = "ILL-04"
    ILL_05 = "ILL-05"
    ILL_06 = "ILL-06"
    ILL_07 = "ILL-07"
    ILL_08 = "ILL-08"
    ILL_09 = "ILL-09"
    ILL_10 = "ILL-10"
    ILL_11 = "ILL-11"
    NEG_01 = "NEG-01"
    NEG_02 = "NEG-02"
    NEG_03 = "NEG-03"
    NEG_04 = "NEG-04"
    NEG_05 = "NEG-05"
    NEG_06 = "NEG-06"
    NEG_07 = "NEG-07"
    NEG_08 = "NEG-08"
    NEG_09 = "NEG-09"
    PLT_01 = "PLT-01"
    PLT_02 = "PLT-02"
    PLT_03 = "PLT-03"
    PLT_04 = "PLT-04"
    PLT_05 = "PLT-05"
    PLT_06 = "PLT-06"
    PLT_07 = "PLT-07"
    PLT_08 = "PLT-08"

    @property
    def category(self) -> ReasonCategory:
        return ReasonCategory(self.value[:3])

    @property
    def info(self) -> ReasonInfo:
        return REASONS[self]


@dataclass(frozen=True, slots=True)
class ReasonInfo:
    code: ReasonCode
    en: str
    zh: str
    severity: Severity
    suggests_authority_report: bool

    def label(self, language: str) -> str:
        return self.zh if language.lower().startswith("zh") else self.en


_PLT_SEVERITY = {
    "PLT-01": Severity.HIGH,
    "PLT-02": Severity.LOW,
    "PLT-03": Severity.HIGH,
    "PLT-04": Severity.HIGH,
    "PLT-05": Severity.MEDIUM,
    "PLT-06": Severity.LOW,
    "PLT-07": Severity.HIGH,
    "PLT-08": Severity.HIGH,
}

_LABELS: tuple[tuple[str, str, str], ...] = (
    ("ILL-01", "Opposes the Constitution's basic principles", "反对宪法所确定的基本原则"),
    ("ILL-02", "Endangers national security or unity, leaks state secrets",
     "危害国家安全，泄露国家秘密，颠覆国家政权，破坏国家统一"),
    ("ILL-03", "Damages national honour and interests", "损害国家荣誉和利益"),
    ("ILL-04", "Defames heroes and martyrs", "歪曲、丑化、亵渎、否定英雄烈士事迹和精神"),
    ("ILL-05", "Terrorism or extremism", "宣扬恐怖主义、极端主义或者煽动实施恐怖活动、极端主义活动"),
    ("ILL-06", "Ethnic hatred or discrimination", "煽动民族仇恨、民族歧视，破坏民族团结"),
    ("ILL-07", "Cults and superstition; undermines religious policy", "破坏国家宗教政策，宣扬邪教和封建迷信"),
    ("ILL-08", "Rumours disrupting economic or social order", "散布谣言，扰乱经济秩序和社会秩序"),
    ("ILL-09", "Obscenity, pornography, gambling, violence, murder, terror, instigating crime",
     "散布淫秽、色情、赌博、暴力、凶杀、恐怖或者教唆犯罪"),
    ("ILL-10", "Insult or defamation; infringes reputation or privacy",
     "侮辱或者诽谤他人，侵害他人名誉、隐私和其他合法权益"),
    ("ILL-11", "Other content prohibited by law", "法律、行政法规禁止的其他内容"),
    ("NEG-01", "Misleading headline", "使用夸张标题，内容与标题严重不符"),
    ("NEG-02", "Hyping gossip or scandal", "炒作绯闻、丑闻、劣迹"),
    ("NEG-03", "Improper comment on disasters", "不当评述自然灾害、重大事故等灾难"),
    ("NEG-04", "Sexual innuendo", "带有性暗示、性挑逗等易使人产生性联想"),
    ("NEG-05", "Gore, horror, cruelty", "展现血腥、惊悚、残忍等致人身心不适"),
    ("NEG-06", "Discrimination against groups or regions", "煽动人群歧视、地域歧视"),
    ("NEG-07", "Vulgar content", "宣扬低俗、庸俗、媚俗内容"),
    ("NEG-08", "Leads minors to unsafe acts",
     "可能引发未成年人模仿不安全行为和违反社会公德行为、诱导未成年人不良嗜好"),
    ("NEG-09", "Other harm to the online ecosystem", "其他对网络生态造成不良影响的内容"),
    ("PLT-01", "Cyber-violence, doxxing", "网络暴力、人肉搜索"),
    ("PLT-02", "Spam, advertising, harassment", "骚扰、广告、过度营销及垃圾信息"),
    ("PLT-03", "Fraud or scam", "诈骗"),
    ("PLT-04", "Pyramid scheme", "传销"),
    ("PLT-05", "Exposes others' personal information", "涉及他人隐私、个人信息"),
    ("PLT-06", "IP or portrait-right infringement", "侵害知识产权、肖像权"),
    ("PLT-07", "Harms minors", "侵害未成年人合法权益或者损害未成年人身心健康"),
    ("PLT-08", "Illegal assembly or organisation", "煽动非法集会、结社、游行、示威；以非法民间组织名义活动"),
)


def _severity(code: str) -> Severity:
    if code.startswith("ILL"):
        return Severity.HIGH
    if code.startswith("NEG"):
        return Severity.MEDIUM
    return _PLT_SEVERITY[code]


REASONS: dict[ReasonCode, ReasonInfo] = {
    ReasonCode(code): ReasonInfo(
        code=ReasonCode(code),
        en=en,
        zh=zh,
        severity=_severity(code),
        suggests_authority_report=code.startswith("ILL"),
    )
    for code, en, zh in _LABELS
}


class LadderTarget(StrEnum):
    MEMBER = "member"
    GROUP = "group"
    OWNER_ADMIN = "owner_admin"


@dataclass(frozen=True, slots=True)
class LadderStep:
    step: int
    target: LadderTarget
    en: str
    zh: str
    two_person: bool


#: The sanction ladder of domain.md, one row per (step, target). Steps 5-6 take two people.
SANCTION_LADDER: tuple[LadderStep, ...] = (
    LadderStep(0, LadderTarget.MEMBER, "Delete or hide the message; tell the author", "删除或隐藏消息并告知发布者",
               False),
    LadderStep(1, LadderTarget.MEMBER, "Warning", "警告", False),
    LadderStep(1, LadderTarget.GROUP, "Warning, rectify by a deadline", "警示整改", False),
    LadderStep(1, LadderTarget.OWNER_ADMIN, "Warning", "警告", False),
    LadderStep(2, LadderTarget.MEMBER, "Timed mute (1, 7, 30 days)", "限时禁言（1、7、30天）", False),
    LadderStep(2, LadderTarget.GROUP, "Whole-group mute (suspended posting)", "全员禁言（暂停发布）", False),
    LadderStep(2, LadderTarget.OWNER_ADMIN, "Lower credit", "降低信用等级", False),
    LadderStep(3, LadderTarget.MEMBER, "Limit features (invites, links)", "限制功能（邀请、链接）", False),
    LadderStep(3, LadderTarget.GROUP, "Limit search, invites, QR join", "限制搜索、邀请、扫码入群", False),
    LadderStep(3, LadderTarget.OWNER_ADMIN, "Suspend admin rights", "暂停管理权限", False),
    LadderStep(4, LadderTarget.MEMBER, "Remove from group; timed suspension", "移出群组；限时暂停账号", False),
    LadderStep(4, LadderTarget.OWNER_ADMIN, "Revoke the right to create groups", "取消建群资格", False),
    LadderStep(5, LadderTarget.MEMBER, "Close the account", "封禁账号", True),
    LadderStep(5, LadderTarget.GROUP, "Dissolve the group", "解散群组", True),
    LadderStep(5, LadderTarget.OWNER_ADMIN, "Close the account", "封禁账号", True),
    LadderStep(6, LadderTarget.MEMBER, "Blacklist, and report", "列入黑名单并报告", True),
    LadderStep(6, LadderTarget.GROUP, "Blacklist, and report", "列入黑名单并报告", True),
    LadderStep(6, LadderTarget.OWNER_ADMIN, "Blacklist, and report", "列入黑名单并报告", True),
)
