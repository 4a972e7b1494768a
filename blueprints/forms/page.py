"""Forms of the blueprint page itself: its title, and what a section save carries besides the section."""
from django import forms
from django.utils.translation import gettext_lazy as _


class BlueprintTitleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)


class SaveForm(forms.Form):
    """What a section save carries besides the section itself: which revision and which window it comes from."""

    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    editor_session = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)
    editor_seq = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
