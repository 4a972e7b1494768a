"""Template context every page needs: the signed-in person's roles, for the navigation."""
from accounts.roles import Role, user_roles


def navigation(request):
    from judging.services import may_allocate, may_moderate

    user = getattr(request, "user", None)
    roles = set(user_roles(user)) if user else set()
    signed_in = bool(user and user.is_authenticated)
    return {
        "may_allocate": signed_in and may_allocate(user),
        "may_moderate": signed_in and may_moderate(user),
        "roles": roles,
        "is_candidate": Role.CANDIDATE in roles,
        "is_assessor": Role.ASSESSOR in roles,
        "is_standards_administrator": Role.STANDARDS_ADMINISTRATOR in roles,
        "is_hr_officer": Role.HR_OFFICER in roles,
    }
