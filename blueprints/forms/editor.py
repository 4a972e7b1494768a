"""A section's editor: its own fields and its tables bound together and validated as one, and their JSON."""
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .base import ContextForm, EditorContext, RowForm

MAX_ROWS = 50


class RowFormSet(forms.BaseFormSet):
    """The rows of one table. Any row may be left blank and is then dropped, so no row is 'initial'."""

    def initial_form_count(self) -> int:
        return 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # One form per saved row, or one blank row to start typing in.
            self.extra = max(len(self.initial or ()), 1)

    def rows(self) -> list[dict]:
        return [
            {name: value for name, value in form.cleaned_data.items() if name != "DELETE"}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


@dataclass(frozen=True)
class Table:
    """A table of a section, with what a row needs before it counts towards completeness."""

    name: str
    row_form: type[RowForm]
    title: Any
    add_label: Any
    required: tuple[str, ...]
    # Tables with long texts read better as one block per row than as columns.
    as_records: bool = False

    def formset_class(self) -> type[RowFormSet]:
        return forms.formset_factory(
            self.row_form, formset=RowFormSet, extra=0, can_delete=True, max_num=MAX_ROWS, validate_max=True
        )


def to_json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


@dataclass
class SectionEditor:
    """A section's own fields and its tables bound together: the one form every save goes through."""

    section: Any
    content: dict
    context: EditorContext
    data: Any = None
    form: ContextForm = field(init=False)
    formsets: list[tuple[Table, RowFormSet]] = field(init=False)

    def __post_init__(self) -> None:
        form_class = self.section.form_class
        initial = None if self.data is not None else {n: self.content.get(n) for n in form_class.base_fields}
        self.form = form_class(self.data, initial=initial, context=self.context)
        self.formsets = [
            (
                table,
                table.formset_class()(
                    self.data,
                    # Bound rows are compared with blank, not with the saved row, so an unchanged row is kept.
                    initial=None if self.data is not None else self.content.get(table.name, []),
                    prefix=table.name,
                    form_kwargs={"context": self.context},
                    error_messages={"too_many_forms": _("A table can hold at most %(num)d rows.")},
                ),
            )
            for table in self.section.tables
        ]

    def is_valid(self) -> bool:
        results = [self.form.is_valid(), *(formset.is_valid() for _table, formset in self.formsets)]
        if not all(results):
            return False
        self.section.clean(self)
        return self.form.is_valid() and all(formset.is_valid() for _table, formset in self.formsets)

    def formset(self, name: str) -> RowFormSet:
        return next(formset for table, formset in self.formsets if table.name == name)

    def cleaned_content(self) -> dict:
        content = {name: to_json(value) for name, value in self.form.cleaned_data.items()}
        for table, formset in self.formsets:
            content[table.name] = [
                {name: to_json(value) for name, value in row.items()} for row in formset.rows()
            ]
        return content

    def error_messages(self) -> dict[str, list[str]]:
        """Every error keyed by the name of the input it belongs to ("__all__" for the section as a whole)."""
        errors: dict[str, list[str]] = {}
        every_form = [self.form, *(form for _table, formset in self.formsets for form in formset.forms)]
        for form in every_form:
            for name, messages in form.errors.items():
                key = "__all__" if name == "__all__" else form.add_prefix(name)
                errors.setdefault(key, []).extend(messages)
        for _table, formset in self.formsets:
            if formset.non_form_errors():
                errors.setdefault("__all__", []).extend(formset.non_form_errors())
        return errors
