"""Template context every page needs: the signed-in person's roles, for the navigation."""
from accounts.roles import Role, user_roles


def navigation(request):
    roles = set(user_roles(request.user)) if hasattr(request, "user") else set()
    return {
        "roles": roles,
        "is_candidate": Role.CANDIDATE in roles,
        "is_assessor": Role.ASSESSOR in roles,
        "is_standards_administrator": Role.STANDARDS_ADMINISTRATOR in roles,
        "is_hr_officer": Role.HR_OFFICER in roles,
    }
