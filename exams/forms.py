"""Forms of the exams app: an item with its choices, rubric and tags; import files; an essay's mark; an
accommodation; a sitting and its seats."""
from datetime import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import ThaiDateField
from core.i18n import in_language
from core.text import shorten

from .content import (
    MAX_CHOICES,
    ChoiceContent,
    ItemContent,
    RubricLevelContent,
    content_errors,
    rubric_as_lines,
    rubric_from_lines,
)
from .models import Item, ItemType
from .selectors import TagIndex

TRUE_FALSE_CHOICES = [("", _("—")), ("true", _("True")), ("false", _("False"))]
MAX_IMPORT_BYTES = 10 * 1024 * 1024


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ChoiceForm(forms.Form):
    text_th = forms.CharField(label=_("Choice (Thai)"), required=False, max_length=1000,
                              widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}))
    text_en = forms.CharField(label=_("Choice (English)"), required=False, max_length=1000,
                              widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}))
    is_correct = forms.BooleanField(label=_("Correct"), required=False,
                                    widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))


ChoiceFormSet = forms.formset_factory(ChoiceForm, extra=0, max_num=MAX_CHOICES, absolute_max=MAX_CHOICES)


class ItemForm(forms.Form):
    """One form for every item type; the fields a type does not use are ignored (and hidden by the page's script)."""

    code = forms.CharField(label=_("Code"), max_length=40, help_text=_("Unique in the bank, e.g. EA-06."))
    status = forms.ChoiceField(label=_("Status"), choices=Item.Status.choices)
    difficulty = forms.ChoiceField(label=_("Difficulty"), choices=Item.Difficulty.choices)
    item_type = forms.ChoiceField(label=_("Type"), choices=ItemType.choices)
    points = forms.DecimalField(label=_("Points"), min_value=Decimal("0.01"), max_digits=5, decimal_places=2, initial=1)
    stem_th = forms.CharField(label=_("Question (Thai)"), widget=forms.Textarea(attrs={"rows": 3}))
    stem_en = forms.CharField(label=_("Question (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    answer_true = forms.ChoiceField(label=_("The statement is"), choices=TRUE_FALSE_CHOICES, required=False)
    accepted_answers = forms.CharField(
        label=_("Accepted answers"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, in Thai and in English. Case, spacing and punctuation are ignored when matching."),
    )
    rubric = forms.CharField(
        label=_("Rubric"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One level per line: points | descriptor in Thai | descriptor in English. The top level is "
                    "worth the item's points."),
    )
    criteria = forms.MultipleChoiceField(label=_("Performance criteria"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    knowledge_areas = forms.MultipleChoiceField(label=_("Knowledge areas"), required=False,
                                                widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, tags: TagIndex, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.tags = tags
        self.fields["criteria"].choices = [(code, f"{code} {c.text}") for code, c in tags.criteria.items()]
        self.fields["knowledge_areas"].choices = [
            (key, f"{key} {shorten(s.text, 120)}") for key, s in tags.areas.items()
        ]
        if editing:
            self.fields["code"].disabled = True
        prefix = f"{self.prefix}-choices" if self.prefix else "choices"
        initial_choices = self.initial.get("choices") or [{}] * MAX_CHOICES
        self.choice_forms = ChoiceFormSet(self.data or None, prefix=prefix, initial=initial_choices)

    @staticmethod
    def initial_from(item: Item, content: ItemContent) -> dict:
        choices = [{"text_th": c.text_th, "text_en": c.text_en, "is_correct": c.is_correct} for c in content.choices]
        return {
            "code": item.code, "status": item.status, "difficulty": item.difficulty,
            "item_type": content.item_type, "points": content.points, "stem_th": content.stem_th,
            "stem_en": content.stem_en,
            "answer_true": "" if content.answer_true is None else str(content.answer_true).lower(),
            "accepted_answers": "\n".join(content.accepted_answers),
            "rubric": rubric_as_lines(content.rubric),
            "criteria": list(content.criterion_codes), "knowledge_areas": list(content.knowledge_keys),
            "choices": choices + [{}] * (MAX_CHOICES - len(choices)),
        }

    def is_valid(self) -> bool:
        formset_valid = self.choice_forms.is_valid()
        return super().is_valid() and formset_valid

    def _rubric(self) -> tuple[RubricLevelContent, ...]:
        errors: list[str] = []
        levels = rubric_from_lines(self.cleaned_data.get("rubric", ""), errors)
        for error in errors:
            self.add_error("rubric", error)
        return levels

    def content(self) -> ItemContent:
        data = self.cleaned_data
        rows = [f.cleaned_data for f in self.choice_forms.forms]
        choices = tuple(
            ChoiceContent(row["text_th"], row.get("text_en", ""), row.get("is_correct", False))
            for row in rows
            if row.get("text_th", "").strip() or row.get("text_en", "").strip()
        )
        item_type = data["item_type"]
        return ItemContent(
            item_type=item_type,
            stem_th=data["stem_th"],
            stem_en=data.get("stem_en", ""),
            points=data["points"],
            choices=choices if item_type in (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE) else (),
            answer_true={"true": True, "false": False}.get(data.get("answer_true", "")),
            accepted_answers=tuple(_lines(data.get("accepted_answers", ""))),
            rubric=self._rubric() if item_type == ItemType.ESSAY else (),
            criterion_codes=tuple(sorted(data.get("criteria", []))),
            knowledge_keys=tuple(sorted(data.get("knowledge_areas", []))),
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors or not self.choice_forms.is_valid():
            return cleaned
        content = self.content()
        tags = self.tags
        for error in content_errors(content, criterion_codes=set(tags.criteria), knowledge_keys=set(tags.areas)):
            self.add_error(None, error)
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class MarkForm(forms.Form):
    level = forms.TypedChoiceField(label=_("Rubric level"), coerce=Decimal, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment for the record"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, rubric: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [
            (level["points"], f"{level['points']} · {in_language(level['descriptor_th'], level['descriptor_en'])}")
            for level in reversed(rubric)
        ]


class AccommodationForm(forms.Form):
    """Extra time and/or a sitting window of the candidate's own, with the reason; the service checks the rules."""

    extra_minutes = forms.IntegerField(label=_("Extra minutes"), required=False, min_value=1,
                                       widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    extra_percent = forms.IntegerField(label=_("or extra time as a percentage of the limit"), required=False,
                                       min_value=1, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    window_day = ThaiDateField(label=_("Own sitting window: day"), required=False)
    window_from = forms.TimeField(label=pgettext_lazy("time of day", "from"), required=False,
                                  widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    window_to = forms.TimeField(label=pgettext_lazy("time of day", "to"), required=False,
                                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        window = [data.get(name) for name in ("window_day", "window_from", "window_to")]
        if any(window) and not all(window):
            raise forms.ValidationError(_("A sitting window needs its day, its start and its end."))
        return data

    def grant(self) -> dict:
        """The cleaned values as keyword arguments of services.accommodation_grant."""
        data = self.cleaned_data
        opens = closes = None
        if data.get("window_day"):
            opens = timezone.make_aware(datetime.combine(data["window_day"], data["window_from"]))
            closes = timezone.make_aware(datetime.combine(data["window_day"], data["window_to"]))
        return {"extra_minutes": data.get("extra_minutes"), "extra_percent": data.get("extra_percent"),
                "window_opens_at": opens, "window_closes_at": closes, "reason": data["reason"]}


class SittingForm(forms.Form):
    """A round of the exam to schedule: the exam, its name, when it opens and how long admission takes; the service
    checks the rules (a future opening, before the exam closes, a window of at most two hours)."""

    definition = forms.ModelChoiceField(label=_("Exam"), queryset=None, empty_label=None)
    name_th = forms.CharField(label=_("Name (Thai)"), max_length=200,
                              help_text=_("For example: Morning round, Comptroller General's Department"))
    name_en = forms.CharField(label=_("Name (English, optional)"), max_length=200, required=False)
    day = ThaiDateField(label=_("Day"))
    time = forms.TimeField(label=_("Opens at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    admission_minutes = forms.IntegerField(
        label=_("Admission window (minutes)"), initial=10,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Candidates are let in one by one over this many minutes after the opening (0 to 120)."))

    def __init__(self, *args, definitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["definition"].queryset = definitions

    def schedule(self) -> dict:
        """The cleaned values as keyword arguments of services.sitting_schedule."""
        data = self.cleaned_data
        return {"definition": data["definition"], "name_th": data["name_th"], "name_en": data.get("name_en", ""),
                "opens_at": timezone.make_aware(datetime.combine(data["day"], data["time"])),
                "admission_minutes": data["admission_minutes"]}


class SeatSearchForm(forms.Form):
    """Find candidates to seat: by name, username or case number, and by agency."""

    q = forms.CharField(label=_("Candidate's name, username or case number"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "class": "form-control"}))
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None, required=False,
                                    empty_label=_("All agencies"), widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    @property
    def searched(self) -> bool:
        return self.is_valid() and bool(self.cleaned_data["q"].strip() or self.cleaned_data["agency"])

    def search(self) -> dict:
        """The cleaned values as keyword arguments of selectors.cases_to_seat."""
        agency = self.cleaned_data["agency"]
        return {"query": self.cleaned_data["q"], "department_id": agency.pk if agency else None}


class _CaseNumbers(forms.TypedMultipleChoiceField):
    """Case numbers ticked on the page; whether each may be seated is the service's rule, not a choice list's."""

    def valid_value(self, value) -> bool:
        return True


class SeatForm(SeatSearchForm):
    """Seat the ticked candidates, or every candidate the search found."""

    SELECTED, ALL = "selected", "all"
    cases = _CaseNumbers(coerce=int, required=False)
    seat = forms.ChoiceField(choices=[(SELECTED, SELECTED), (ALL, ALL)])

    def clean(self):
        data = super().clean()
        if data.get("seat") == self.SELECTED and not data.get("cases"):
            raise forms.ValidationError(_("Tick at least one candidate to seat."))
        if data.get("seat") == self.ALL and not ((data.get("q") or "").strip() or data.get("agency")):
            raise forms.ValidationError(_("Find candidates by name or agency first, then seat those found."))
        return data


class CancelSittingForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, cancel this sitting and take every candidate out of it"),
        error_messages={"required": _("Tick the box to confirm that the sitting is cancelled.")})
