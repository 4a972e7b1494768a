"""Forms of the HR desk, the reports, revocation and suspension, and what the verification page checks:
a credential brought to it and a certificate PDF."""
import json

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from accounts.permissions import is_administrator
from core.forms import ThaiDateField

from .badges import CREDENTIAL_MAX_BYTES
from .models import Certificate
from .selectors import departments_visible_to


class CertificateFilterForm(forms.Form):
    """The HR desk's and the API's filters; an HR officer's agency list holds their own agency only."""

    agency = forms.ModelChoiceField(queryset=None, required=False, label=_("Agency"), empty_label=_("All agencies"))
    issued_from = ThaiDateField(required=False, label=_("Issued from"))
    issued_to = ThaiDateField(required=False, label=_("Issued to"))
    status = forms.ChoiceField(choices=[("", _("Any status")), *Certificate.Status.choices], required=False,
                               label=_("Status"))
    name = forms.CharField(required=False, max_length=100, label=_("Name or number"))

    def __init__(self, *args, user, iso_dates: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = departments_visible_to(user)
        if iso_dates:
            # The API's parameters are ISO 8601 whatever the language; people type dates on the desk.
            for name in ("issued_from", "issued_to"):
                self.fields[name] = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
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
    until = ThaiDateField(label=_("Suspended until (inclusive)"))
    reason = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), label=_("Reason"))


class ReinstatementForm(forms.Form):
    note = forms.CharField(max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           label=_("Note (optional)"))


class AgencyReportForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=None, required=False, label=_("Agency"), empty_label=_("All agencies"))
    period_start = ThaiDateField(label=_("From"))
    period_end = ThaiDateField(label=_("To"))

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


class CredentialCheckForm(forms.Form):
    """A credential brought to the verification page: its file, or its text pasted."""

    file = forms.FileField(required=False, label=_("Credential file (.json)"))
    text = forms.CharField(required=False, label=_("Or paste the credential"), widget=forms.Textarea(attrs={"rows": 6}))

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if upload is None and not text:
            raise forms.ValidationError(_("Choose the credential's file or paste its text."), code="required")
        if upload is not None and upload.size > CREDENTIAL_MAX_BYTES or len(text.encode()) > CREDENTIAL_MAX_BYTES:
            raise forms.ValidationError(_("This is larger than any credential of this portal (at most %(size)s KB).")
                                        % {"size": CREDENTIAL_MAX_BYTES // 1024}, code="too_large")
        raw = upload.read(CREDENTIAL_MAX_BYTES + 1) if upload is not None else text.encode()
        try:
            data["document"] = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise forms.ValidationError(_("This is not a credential: it is not JSON text."), code="not_json") from exc
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
