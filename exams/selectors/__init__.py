"""Reads of the exams app, by topic; each object is fetched for one user so that outsiders get a 404.

The topics: tags (criteria and knowledge areas), the bank, the rules of sitting, taking the exam, the questions
as a candidate sees them, results, marking and item analysis. Callers import from here."""
from .accommodations import (
    AccommodationRow,
    accommodation_for_coordinator,
    accommodation_history,
    accommodation_rows,
    accommodation_subject,
    cases_for_accommodation,
)
from .bank import (
    bank_items,
    bank_pool,
    content_of,
    definition_for_author,
    definition_rules,
    definitions_for_authors,
    item_current_version,
    item_for_author,
    item_versions,
    version_has_been_drawn,
)
from .item_analysis import FLAG_LABELS, ChoiceCount, DefinitionAnalysis, ItemAnalysisRow, definition_analysis
from .marking import essay_for_marker, essays_awaiting_marking, essays_awaiting_marking_for
from .questions import ChoiceView, ItemPreview, QuestionView, attempt_questions, preview_of
from .results import AttemptResult, ExamOutcome, TagResult, attempt_result, exam_outcome_for_case
from .rules import (
    EXAM_CASE_STATES,
    admission_moment,
    attempt_deadline,
    attempt_is_overdue,
    current_accommodation,
    current_accommodations,
    current_seat,
    current_seats,
    definition_is_open,
    extra_time,
    remaining_seconds,
    start_refusal,
)
from .sittings import (
    SeatRow,
    agencies_to_seat_from,
    cases_to_seat,
    definitions_to_schedule,
    seat_for_coordinator,
    sitting_for_coordinator,
    sitting_has_opened,
    sitting_seats,
    sittings_past,
    sittings_upcoming,
)
from .tags import TagIndex, knowledge_area_key, tag_index
from .taking import (
    ExamOffer,
    attempt_for_candidate,
    attempt_state,
    candidate_attempt_state,
    exam_offer,
    exam_offers_for_candidate,
    overdue_attempt_ids,
)

__all__ = [
    "AccommodationRow", "accommodation_for_coordinator", "accommodation_history", "accommodation_rows",
    "accommodation_subject", "attempt_deadline",
    "cases_for_accommodation", "current_accommodation",
    "current_accommodations", "extra_time", "admission_moment", "current_seat", "current_seats",
    "EXAM_CASE_STATES", "FLAG_LABELS", "AttemptResult", "ChoiceCount", "ChoiceView", "DefinitionAnalysis",
    "ExamOffer", "ExamOutcome", "ItemAnalysisRow", "ItemPreview", "QuestionView", "TagIndex", "TagResult",
    "attempt_for_candidate", "attempt_is_overdue", "attempt_questions", "attempt_result", "attempt_state",
    "candidate_attempt_state",
    "bank_items", "bank_pool", "content_of", "definition_analysis", "definition_for_author", "definition_is_open",
    "definition_rules", "definitions_for_authors", "essay_for_marker", "essays_awaiting_marking",
    "essays_awaiting_marking_for", "exam_offer", "exam_offers_for_candidate", "exam_outcome_for_case",
    "item_current_version", "item_for_author", "item_versions", "knowledge_area_key", "overdue_attempt_ids",
    "preview_of", "remaining_seconds", "start_refusal", "tag_index", "version_has_been_drawn",
    "SeatRow", "agencies_to_seat_from", "cases_to_seat", "definitions_to_schedule", "seat_for_coordinator",
    "sitting_for_coordinator", "sitting_has_opened", "sitting_seats", "sittings_past", "sittings_upcoming",
]
