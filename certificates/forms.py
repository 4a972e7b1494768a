"""Forms of the HR desk, the reports, revocation and suspension, and the PDF check of the verification page."""
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from accounts.permissions import is_administrator

from .models import Certificate
from .selectors import departments_visible_to


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class CertificateFilterForm(forms.Form):
    """The HR desk's and the API's filters; an HR officer's agency list holds their own agency only."""

    agency = forms.ModelChoiceField(queryset=None, required=False, label=_("Agency"), empty_label=_("All agencies"))
    issued_from = forms.DateField(required=False, label=_("Issued from"), widget=_DateInput())
    issued_to = forms.DateField(required=False, label=_("Issued to"), widget=_DateInput())
    status = forms.ChoiceField(choices=[("", _("Any status")), *Certificate.Status.choices], required=False,
                               label=_("Status"))
    name = forms.CharField(required=False, max_length=100, label=_("Name or number"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = departments_visible_to(user)
        # Laid out as one row of the desk's filter bar rather than through crispy's stacked layout.
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"

    def clean(self):
        data = super().clean()
        if data.get("issued_from") and data.get("issued_to") and data["issued_from"] > data["issued_to"]:
            self.add_error("issued_to", _("The end of the period must not be before its start."))
        return data

    def filters(self) -> dict:
        """The cleaned values as keyword arguments of selectors.certificates_filtered."""
        return {name: self.cleaned_data.get(name) or default
                for name, default in (("agency", None), ("issued_from", None), ("issued_to", None),
                                      ("status", ""), ("name", ""))}


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), label=_("Reason"))


class SuspensionForm(forms.Form):
    # Whether the day has passed is the service's rule (certificates.services.certificate_suspend), said once.
    until = forms.DateField(label=_("Suspended until (inclusive)"), widget=_DateInput())
    reason = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), label=_("Reason"))


class ReinstatementForm(forms.Form):
    note = forms.CharField(max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           label=_("Note (optional)"))


class AgencyReportForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=None, required=False, label=_("Agency"), empty_label=_("All agencies"))
    period_start = forms.DateField(label=_("From"), widget=_DateInput())
    period_end = forms.DateField(label=_("To"), widget=_DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = departments_visible_to(user)
        # Only administrators report on every agency at once.
        self.fields["agency"].required = not is_administrator(user)

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_start"] > data["period_end"]:
            self.add_error("period_end", _("The end of the period must not be before its start."))
        return data


class PdfCheckForm(forms.Form):
    """A PDF someone holds, to be checked against what the portal issued; read in memory, never stored."""

    pdf = forms.FileField(label=_("Certificate PDF"), allow_empty_file=False,
                          widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
                          error_messages={"required": _("Choose the certificate PDF to check."),
                                          "empty": _("The chosen file is empty.")})

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        limit = settings.CERTIFICATE_VERIFY_PDF_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(_("This file is larger than %(limit)s, larger than any certificate PDF.")
                                        % {"limit": filesizeformat(limit)}, code="too_large")
        return upload
