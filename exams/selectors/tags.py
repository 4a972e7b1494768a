"""Tags of the bank: criterion codes and the knowledge-area keys (K1–K9, R1) items and rules are tagged with."""
from dataclasses import dataclass

from competency.models import PerformanceCriterion, Unit, UnitStatement

from ..models import KNOWLEDGE_AREA_SECTIONS


def knowledge_area_key(statement: UnitStatement) -> str:
    """K1–K9 for the required knowledge of 13(b) in printed order, R1… for the range statement."""
    prefix = "K" if statement.section == UnitStatement.Section.KNOWLEDGE else "R"
    return f"{prefix}{statement.order}"


@dataclass
class TagIndex:
    criteria: dict[str, PerformanceCriterion]
    areas: dict[str, UnitStatement]


def tag_index(unit: Unit) -> TagIndex:
    criteria = PerformanceCriterion.objects.filter(unit=unit).order_by("order", "code")
    statements = UnitStatement.objects.filter(unit=unit, section__in=KNOWLEDGE_AREA_SECTIONS)
    areas = sorted(statements, key=lambda s: (s.section != UnitStatement.Section.KNOWLEDGE, s.order))
    return TagIndex(
        criteria={c.code: c for c in criteria}, areas={knowledge_area_key(s): s for s in areas}
    )
