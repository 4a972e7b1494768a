"""Forms of appeals and complaints."""
from django import forms
from django.utils.translation import gettext_lazy as _

from evidence.files import allowed_types_label
from evidence.forms import ACCEPT, MultipleFileField, MultipleFileInput

WHOLE_DECISION = ""


class AppealForm(forms.Form):
    """What is appealed (one criterion, or the whole decision), the grounds, and any new documents."""

    criterion = forms.ChoiceField(label=_("What do you appeal?"), required=False)
    grounds = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 5}), label=_("Grounds of the appeal"))
    files = MultipleFileField(required=False, label=_("New documents (optional)"),
                              widget=MultipleFileInput(attrs={"accept": ACCEPT}))

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].choices = [(WHOLE_DECISION, _("The whole decision"))] + [
            (str(c.pk), f"{c.code} {c.text}") for c in criteria]
        self.fields["files"].help_text = _("%(types)s; several at once.") % {"types": allowed_types_label()}

    def criterion_id(self) -> int | None:
        value = self.cleaned_data["criterion"]
        return int(value) if value else None


class AssignForm(forms.Form):
    panel_member = forms.ModelChoiceField(queryset=None, label=_("Panel member"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel_member"].queryset = people
        self.fields["panel_member"].label_from_instance = lambda person: f"{person.get_full_name()} ({person.username})"


class RulingForm(forms.Form):
    outcome = forms.ChoiceField(choices=[("upheld", _("Uphold the appeal")), ("dismissed", _("Dismiss the appeal"))],
                                widget=forms.RadioSelect, label=_("Ruling"))
    reasons = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 4}), label=_("Reasons"))


class ComplaintForm(forms.Form):
    text = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 5}),
                           label=_("What went wrong in how your assessment was run?"),
                           help_text=_("To challenge a verdict, appeal the decision instead."))


class AnswerForm(forms.Form):
    answer = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 4}), label=_("Answer"))
