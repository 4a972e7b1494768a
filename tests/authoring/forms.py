"""What a browser would send for a page's form: its fields with the values the page shows, as a dict to change."""
from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self, index: int):
        super().__init__(convert_charrefs=True)
        self.index, self.seen, self.inside = index, -1, False
        self.fields: dict[str, str] = {}
        self._textarea = self._select = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.seen += 1
            self.inside = self.seen == self.index
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.fields[a["name"]] = a.get("value", "on")
            else:
                self.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields[self._textarea] = ""
        elif tag == "select":
            self._select = a["name"]
            self.fields.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in a:
            self.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self.inside and self._textarea:
            text = self.fields[self._textarea] + data
            # A browser drops the newline a textarea's content starts with (Django writes one).
            self.fields[self._textarea] = text.removeprefix("\n") if not self.fields[self._textarea] else text


def form_fields(html: str | bytes, index: int = 0) -> dict[str, str]:
    """The fields of the page's `index`-th form (counting every <form>, the header's included)."""
    parser = _Form(index)
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return parser.fields


def editor_form(response) -> dict[str, str]:
    """The fields of the form the page marks as the editor's (the one that carries a management form)."""
    html = response.content.decode()
    for index in range(html.count("<form")):
        fields = form_fields(html, index)
        if any(name.endswith("-TOTAL_FORMS") for name in fields):
            return fields
    raise AssertionError("the page has no editor form")


def row_prefix(fields: dict[str, str], formset: str, **match) -> str:
    """The prefix ("criteria-3") of the formset row whose fields have the given values."""
    total = int(fields[f"{formset}-TOTAL_FORMS"])
    for i in range(total):
        prefix = f"{formset}-{i}"
        if all(fields.get(f"{prefix}-{name}") == value for name, value in match.items()):
            return prefix
    raise AssertionError(f"no {formset} row with {match}")
