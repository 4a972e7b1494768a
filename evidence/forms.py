"""Forms for evidence items: details, files (several at once) and a statement per criterion shown."""
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ThaiDateField

from .files import allowed_types_label
from .models import EvidenceItem

ACCEPT = ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(one, initial) for one in data]
        return [single(data, initial)] if data else []


def _files_field(*, required: bool) -> MultipleFileField:
    return MultipleFileField(
        label=_("Files"),
        required=required,
        widget=MultipleFileInput(attrs={"accept": ACCEPT, "data-upload-input": ""}),
        help_text=_("%(types)s; several at once; drag and drop works too.") % {"types": allowed_types_label()},
    )


class EvidenceItemForm(forms.ModelForm):
    """Item details plus, for every criterion of the case's unit, a tick and a short statement."""

    class Meta:
        model = EvidenceItem
        fields = ("title", "kind", "description", "work_date")
        field_classes = {"work_date": ThaiDateField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, criteria, with_files: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        if with_files:
            self.fields["files"] = _files_field(required=True)
        existing = {m.criterion_id: m.statement for m in self.instance.mappings.all()} if self.instance.pk else {}
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.BooleanField(
                required=False, initial=criterion.pk in existing, label=criterion.code
            )
            self.fields[f"statement_{criterion.pk}"] = forms.CharField(
                required=False,
                max_length=1000,
                initial=existing.get(criterion.pk, ""),
                label=_("How this item shows %(code)s") % {"code": criterion.code},
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def mapping_rows(self):
        return [(c, self[f"criterion_{c.pk}"], self[f"statement_{c.pk}"]) for c in self.criteria]

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            if cleaned.get(f"criterion_{criterion.pk}") and not (cleaned.get(f"statement_{criterion.pk}") or "").strip():
                self.add_error(
                    f"statement_{criterion.pk}",
                    _("Say in a sentence how this item shows %(code)s.") % {"code": criterion.code},
                )
        if cleaned.get("kind") == EvidenceItem.Kind.PERFORMANCE and not self.mappings():
            raise forms.ValidationError(_("Performance evidence must show at least one criterion: tick it below."))
        return cleaned

    def item_fields(self) -> dict:
        """The cleaned details and mappings, as the evidence services take them."""
        data = self.cleaned_data
        return {"title": data["title"], "kind": data["kind"], "description": data["description"],
                "work_date": data["work_date"], "mappings": self.mappings()}

    def mappings(self) -> dict[int, str]:
        return {
            c.pk: self.cleaned_data.get(f"statement_{c.pk}", "")
            for c in self.criteria
            if self.cleaned_data.get(f"criterion_{c.pk}")
        }


class EvidenceFilesForm(forms.Form):
    files = _files_field(required=True)


class ReplaceFileForm(forms.Form):
    file = forms.FileField(label=_("New version of the file"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))
