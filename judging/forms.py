"""Forms of the judging screen, allocation and moderation."""
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from assessments.models import Allocation, AssessmentCase

from .models import NO_CONFLICT_DECLARATION, Decision, Verdict


class JudgmentForm(forms.Form):
    """A score on the criterion's rubric, a comment, and the evidence the score relied on."""

    lease_token = forms.UUIDField(widget=forms.HiddenInput)
    score = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label=_("Score"))
    comment = forms.CharField(required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2}),
                              label=_("Comment"))
    evidence = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
                                              label=_("Evidence the score relied on"))

    def __init__(self, *args, levels, mappings, prefix=None, **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)
        self.fields["score"].choices = [(level.score, f"{level.score} · {level.label}") for level in levels]
        self.fields["evidence"].choices = [(m.item.pk, m.item.title) for m in mappings]


class TakeForm(forms.Form):
    """Taking a case: the assessor ticks the declaration of no conflict of interest."""

    declaration = forms.BooleanField(label=NO_CONFLICT_DECLARATION)


class DecisionForm(forms.Form):
    lease_token = forms.UUIDField(widget=forms.HiddenInput)
    summary = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
                              label=_("Summary of the decision for the candidate"))


class AllocationForm(forms.Form):
    cases = forms.ModelMultipleChoiceField(queryset=AssessmentCase.objects.none(), widget=forms.CheckboxSelectMultiple,
                                           label=_("Cases"))
    assessor = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Assessor"))
    marking = forms.ChoiceField(choices=Allocation.Marking.choices, initial=Allocation.Marking.FIRST,
                                label=_("Marking"))
    override_reason = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Reason, if the assessor works in a candidate's own agency (administrators only)"),
    )

    def __init__(self, *args, cases, assessors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases
        self.fields["cases"].label_from_instance = lambda c: f"#{c.pk} {c.candidate} · {c.candidate.department or ''}"
        field = self.fields["assessor"]
        field.queryset = User.objects.filter(groups__name=Role.ASSESSOR.value).order_by("username")
        if assessors is not None:
            # Any assessor may be chosen; only these are offered, so the page stays small with hundreds of them.
            field.widget.choices = [("", field.empty_label), *((a.pk, field.label_from_instance(a)) for a in assessors)]


class AssessorSearchForm(forms.Form):
    find = forms.CharField(required=False, max_length=100, label=_("Find an assessor"),
                           help_text=_("Name, username or agency"),
                           widget=forms.TextInput(attrs={"class": "form-control", "type": "search"}))

    def found(self) -> str:
        """The text searched for, or nothing when there is none or it is not valid."""
        return self.cleaned_data["find"] if self.is_valid() else ""


class SettleForm(forms.Form):
    verdict = forms.ChoiceField(choices=Verdict.choices, widget=forms.RadioSelect, label=_("Verdict"))
    reason = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 2}), label=_("Reason"))


class AmendForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[(Decision.Outcome.COMPETENT, Decision.Outcome.COMPETENT.label),
                 (Decision.Outcome.NOT_YET_COMPETENT, Decision.Outcome.NOT_YET_COMPETENT.label)],
        label=_("New outcome"),
    )
    reason = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 2}), label=_("Moderator's reason"))
