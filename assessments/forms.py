"""Forms for a candidate's case: the submission with its summary and confirmation."""
from django import forms
from django.utils.translation import gettext_lazy as _


class SubmissionForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary for the assessors"),
        help_text=_("A few sentences on what your evidence shows and where to start reading."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    confirm = forms.BooleanField(
        label=_("I confirm that this evidence is my own work and that I understand the portfolio locks once submitted."),
    )
