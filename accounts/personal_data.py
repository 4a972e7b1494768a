"""The person's own profile, for their personal-data archive."""


def export(user) -> dict:
    return {
        "username": user.username,
        "email": user.email,
        "name_th": user.full_name_th,
        "name_en": user.full_name_en,
        "position": user.position,
        "agency": str(user.department) if user.department else None,
        "ministry": str(user.department.ministry) if user.department else None,
        "roles": list(user.groups.values_list("name", flat=True)),
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        # Which providers the person signs in with; the national ID is held only as a keyed hash, not shown.
        "sign_in_identities": list(user.external_identities.values("provider", "linked_via", "linked_at")),
        "sign_ins_through_providers": list(user.sign_in_events.values("provider", "outcome", "assurance_level", "at")),
    }
