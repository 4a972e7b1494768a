"""Template context every page needs: what the signed-in person may reach, for the navigation."""
from accounts.permissions import navigation as allowed_navigation


def navigation(request):
    return allowed_navigation(getattr(request, "user", None))
