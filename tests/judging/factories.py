"""Judging done for tests: an assessor judging every criterion of a case through the real service."""
from judging.services import judgment_record


def judge_all(case, assessor, lease, *, not_yet=()):
    """Every criterion competent (rubric level 2), except those listed in not_yet (level 1, with a comment)."""
    for criterion in case.unit.criteria.order_by("order"):
        short = criterion.code in not_yet
        judgment_record(case=case, criterion_id=criterion.pk, assessor=assessor, score=1 if short else 2,
                        comment=f"ยังไม่ครบ: {criterion.code}" if short else "", evidence_item_ids=[],
                        lease_token=lease.token)
