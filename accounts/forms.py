"""Forms for registering as a candidate and for entering a second-factor code."""
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from .models import Department, User


class CandidateRegistrationForm(UserCreationForm):
    department = forms.ModelChoiceField(
        queryset=Department.objects.select_related("ministry"),
        label=_("Agency"),
        help_text=_("The department or equivalent agency you work for."),
    )

    class Meta:
        model = User
        fields = (
            "username",
            "email",
            "name_prefix_th",
            "first_name_th",
            "last_name_th",
            "name_prefix_en",
            "first_name_en",
            "last_name_en",
            "position",
            "department",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["first_name_en"].required = True
        self.fields["last_name_en"].required = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("register", _("Register")))


class SecondFactorCodeForm(forms.Form):
    """A code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"), max_length=32, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "none",
                                      "spellcheck": "false"}),
    )
