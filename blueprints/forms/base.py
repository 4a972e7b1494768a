"""What every blueprint form builds on: the choices that come from elsewhere, and a table row that checks its order."""
from dataclasses import dataclass

from django import forms


@dataclass(frozen=True)
class EditorContext:
    """Choices a section offers that come from elsewhere: other sections and the unit itself."""

    processes: tuple[tuple[str, str], ...] = ()
    policies: tuple[str, ...] = ()
    skills: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()


class ContextForm(forms.Form):
    """A form told the choices that come from the rest of the blueprint."""

    def __init__(self, *args, context: EditorContext, **kwargs):
        self.context = context
        super().__init__(*args, **kwargs)
        self.use_required_attribute = False


class RowForm(ContextForm):
    """One row of a section's table."""

    # The field whose value names the row in messages ("“Apply online”: fill in owner").
    name_field = "name"

    def ensure_order(self, cleaned: dict, first: str, last: str, message) -> None:
        earlier, later = cleaned.get(first), cleaned.get(last)
        if earlier is not None and later is not None and later < earlier:
            self.add_error(last, message % {"first": earlier, "last": later})
