"""Forms of the blueprint sections: each section's own fields plus its tables, validated as one.

Every field is optional so a half-written section can be saved as the candidate types; what a
section still needs before it evidences its criteria is decided by the completeness rules in
``sections.py``. What the forms refuse is input that is wrong whatever the stage of writing:
negative or absurd numbers, years in the wrong era or the wrong order, a target below today.

The package by topic: field factories (``fields``), word lists (``choices``), the base form and row (``base``),
the tables' row forms and each section's own fields (``rows``), the section editor (``editor``) and the page's
forms (``page``). How a saved value reads is in ``blueprints.display``, not here.
"""
from .base import ContextForm, EditorContext, RowForm
from .choices import (
    AFFECTED,
    AUDIENCES,
    CASH_KINDS,
    CHANNELS,
    DIMENSIONS,
    HORIZONS,
    PARTNERS,
    PERSONNEL_MEASURES,
    POLICY_LEVELS,
    PRIORITIES,
    SENSITIVITY,
    STAGES,
    UNIT_CHANGES,
    WORKLOAD_UNITS,
)
from .editor import MAX_ROWS, RowFormSet, SectionEditor, Table, to_json
from .fields import YearField
from .page import BlueprintTitleForm, SaveForm
from .rows import (
    CashRow,
    CommunicationRow,
    DatasetRow,
    EconomicsFields,
    GapRow,
    InitiativeRow,
    KpiRow,
    NoFields,
    PersonnelRow,
    PolicyRow,
    ProcessRow,
    ProfileFields,
    RiskRow,
    RoleRow,
    StructureFields,
    ToolRow,
    UnitChangeRow,
)

__all__ = [
    "AFFECTED", "AUDIENCES", "CASH_KINDS", "CHANNELS", "DIMENSIONS", "HORIZONS", "MAX_ROWS", "PARTNERS",
    "PERSONNEL_MEASURES", "POLICY_LEVELS", "PRIORITIES", "SENSITIVITY", "STAGES", "UNIT_CHANGES", "WORKLOAD_UNITS",
    "BlueprintTitleForm", "CashRow", "CommunicationRow", "ContextForm", "DatasetRow", "EconomicsFields",
    "EditorContext", "GapRow", "InitiativeRow", "KpiRow", "NoFields", "PersonnelRow", "PolicyRow", "ProcessRow",
    "ProfileFields", "RiskRow", "RoleRow", "RowForm", "RowFormSet", "SaveForm", "SectionEditor", "StructureFields",
    "Table", "ToolRow", "UnitChangeRow", "YearField", "to_json",
]
