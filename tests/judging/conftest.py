"""Judging helpers: a candidate who passes the written exam (the case fixtures are in tests/conftest.py)."""


def pass_the_exam(case):
    """The candidate sits an objective-only written exam and answers every item right."""
    from exams.services import answer_save, attempt_start, attempt_submit, seed_bank_load
    from tests.exams.conftest import definition_for, right_value
    from exams.models import DefinitionRule

    seed_bank_load(unit=case.unit)
    definition = definition_for(case.unit, code="judging-exam", kinds=[
        DefinitionRule.Kind.SINGLE_CHOICE, DefinitionRule.Kind.TRUE_FALSE, DefinitionRule.Kind.SHORT_ANSWER])
    attempt = attempt_start(case=case, definition=definition)
    for answer in attempt.answers.select_related("item_version"):
        answer_save(attempt=attempt, item_version_id=answer.item_version_id, value=right_value(answer))
    return attempt_submit(attempt=attempt)
