"""Who may do what: the portal's one access policy, its role checks, its `may_*` rules and the view decorators.

The policy, for every view and service:
- Someone not signed in is sent to sign in.
- A signed-in outsider gets 404, for an object that is not theirs and for a page of a role they do not hold
  alike: the portal does not confirm that a page or an object exists. No page answers 403.
- A superuser holds every staff role (assessor, assessment coordinator, moderator, standards administrator,
  HR officer), as Django gives a superuser every permission, so role pages and role rules admit them. Being a
  candidate is not a permission but being the person assessed: a superuser is a candidate only in that group.
- Object rules (whose case, whose allocation, which agency) hold for superusers as for anyone, except where a
  rule here names the administrator (`is_administrator`: every agency, any essay, the case's timeline).

Django's admin keeps its own rules (staff only; 403 for a model permission the group lacks).
This module sits low in the layers: object rules take their objects duck-typed and import no app's models.
"""
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404

from .roles import Role

STAFF_ROLES = frozenset(Role) - {Role.CANDIDATE}


# --- Roles ------------------------------------------------------------------------------------------------


def has_role(user, role: Role) -> bool:
    """Whether the person is in the role's group: who they are, not what a superuser may do."""
    if user is None or not user.is_authenticated:
        return False
    names = getattr(user, "_role_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._role_names = names
    return role.value in names


def roles_of(user) -> list[Role]:
    """The roles whose groups the person is in, for the page header."""
    return [role for role in Role if has_role(user, role)]


def is_administrator(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_superuser)


def acts_as(user, role: Role) -> bool:
    """Whether the person may do the role's work: its members, and superusers for every staff role."""
    return has_role(user, role) or (role in STAFF_ROLES and is_administrator(user))


def is_candidate(user) -> bool:
    return has_role(user, Role.CANDIDATE)


# --- Rules ------------------------------------------------------------------------------------------------


def may_judge(user) -> bool:
    """Take cases from the pool, judge them and mark exam essays."""
    return acts_as(user, Role.ASSESSOR)


def may_author(user) -> bool:
    """Edit the competency standards and the exam bank."""
    return acts_as(user, Role.STANDARDS_ADMINISTRATOR)


def may_allocate(user) -> bool:
    """Give cases to assessors and read their workload: coordinators, and HR officers where the setting says."""
    return acts_as(user, Role.COORDINATOR) or (
        settings.ALLOCATION_BY_HR_OFFICERS and acts_as(user, Role.HR_OFFICER))


def may_moderate(user) -> bool:
    """Settle the markers' disagreements and amend released decisions."""
    return bool(user is not None and user.is_authenticated and user.has_perm("judging.moderate"))


def may_read_agreement(user) -> bool:
    """The markers' agreement figures: for whoever allocates or moderates."""
    return may_moderate(user) or may_allocate(user)


def may_read_impartiality(user) -> bool:
    """The impartiality report (same-agency overrides, declarations of no conflict): coordinators, moderators
    and administrators, who answer for who assessed whom."""
    return acts_as(user, Role.COORDINATOR) or may_moderate(user)


def may_use_desk(user) -> bool:
    """The HR desk: certificates, exports, reports and the dashboard of an agency."""
    return acts_as(user, Role.HR_OFFICER)


def may_override_same_agency(user) -> bool:
    """Allocate a case to an assessor of the candidate's own agency, with a recorded reason."""
    return is_administrator(user)


def may_revoke(user, certificate) -> bool:
    """Withdraw a certificate: whoever may suspend it, and moderators, since amending a certified decision to
    not yet competent withdraws the certificate that followed it."""
    return may_suspend(user, certificate) or may_moderate(user)


def may_manage_appeals(user) -> bool:
    """Give an appeal to a panel member, and acknowledge and answer complaints: moderators and coordinators."""
    return may_moderate(user) or acts_as(user, Role.COORDINATOR)


def may_sit_on_appeal_panel(user) -> bool:
    """Decide an appeal: a moderator, since upholding one amends a released decision. Whether they took part in
    the case is the appeal's own rule (appeals.services), which refuses the case's markers and moderator."""
    return may_moderate(user)


def may_suspend(user, certificate) -> bool:
    """Suspend a certificate for a while, and reinstate it: administrators and HR officers of the agency it was
    issued in."""
    if is_administrator(user):
        return True
    return has_role(user, Role.HR_OFFICER) and bool(user.department_id) and (
        user.department_id == certificate.department_id)


def may_grant_accommodations(user) -> bool:
    """Grant a candidate extra exam time or a sitting window of their own: coordinators, who run exam sittings."""
    return acts_as(user, Role.COORDINATOR)


def may_mark_essay(user, *, allocated: bool) -> bool:
    """An essay of a case is marked by an assessor allocated to the case, or an administrator."""
    return allocated or is_administrator(user)


def must_use_second_factor(user) -> bool:
    """Who must pass a second factor after signing in with a password: everyone who holds a staff role, and
    whoever may enter Django's admin; they reach other people's personal data. Candidates only opt in."""
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_staff or user.is_superuser or any(has_role(user, role) for role in STAFF_ROLES))


def navigation(user) -> dict:
    """What the page header and home page may offer the person, asked of the rules above."""
    if user is None or not user.is_authenticated:
        return {"roles": set(), "is_candidate": False, "is_assessor": False, "is_standards_administrator": False,
                "is_hr_officer": False, "may_allocate": False, "may_moderate": False, "may_read_impartiality": False,
                "may_manage_appeals": False,
                "may_administer": False}
    return {
        "roles": set(roles_of(user)),
        "is_candidate": is_candidate(user),
        "is_assessor": may_judge(user),
        "is_standards_administrator": may_author(user),
        "is_hr_officer": may_use_desk(user),
        "may_allocate": may_allocate(user),
        "may_moderate": may_moderate(user),
        "may_read_impartiality": may_read_impartiality(user),
        "may_manage_appeals": may_manage_appeals(user),
        "may_grant_accommodations": may_grant_accommodations(user),
        "may_administer": is_administrator(user),
    }


# --- Decorators -------------------------------------------------------------------------------------------


def rule_required(rule):
    """Only people the rule admits may use the view; anyone else signed in gets 404, as for any outsider."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not rule(request.user):
                raise Http404("Not for this user")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def role_required(role: Role):
    """Only people who may do the role's work (see `acts_as`) may use the view; others get 404."""
    return rule_required(lambda user: acts_as(user, role))


administrator_required = rule_required(is_administrator)


# --- Assurance: how sure the portal is of who is signed in ------------------------------------------------

ASSURANCE_SESSION_KEY = "assurance_level"


def assurance_at_least(level: str | None, required: str) -> bool:
    """Whether `level` is `required` or above in ASSURANCE_LEVELS (lowest first); an unknown level is below all."""
    levels = list(settings.ASSURANCE_LEVELS)
    if level not in levels:
        return False
    return required in levels and levels.index(level) >= levels.index(required)


def may_act_at_assurance(session, required: str | None) -> bool:
    """Whether this sign-in is sure enough of the person: the assurance level the provider vouched for at sign-in
    (none for a password) is at least `required`; no requirement admits everyone."""
    return required is None or assurance_at_least(session.get(ASSURANCE_SESSION_KEY), required)


def may_start_exam(session) -> bool:
    """Start the written exam: the sign-in must be at MIN_ASSURANCE_EXAM_START or above."""
    return may_act_at_assurance(session, settings.MIN_ASSURANCE_EXAM_START)


def may_collect_certificate(session) -> bool:
    """Download one's certificate (PDF or Open Badge): the sign-in must be at MIN_ASSURANCE_CERTIFICATE_COLLECTION."""
    return may_act_at_assurance(session, settings.MIN_ASSURANCE_CERTIFICATE_COLLECTION)


def assurance_required(rule):
    """A view that needs a surer sign-in than this one: the person is asked to sign in again with ThaID, and sent
    back here afterwards. Nothing is done meanwhile."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not rule(request.session):
                from django.contrib import messages
                from django.shortcuts import redirect
                from django.urls import reverse
                from django.utils.http import urlencode
                from django.utils.translation import gettext as _

                messages.warning(request, _("This step needs a surer proof of who you are than this sign-in gives. "
                                            "Please sign in again with ThaID; nothing was started."))
                return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
