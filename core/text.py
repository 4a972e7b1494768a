"""Shortening a label without cutting a word in half, in Thai as in English."""

ELLIPSIS = "…"


def shorten(text: str, limit: int) -> str:
    """At most about `limit` characters, ending at a space; a first word longer than that is kept whole.

    Thai writes no spaces between words but does between phrases, so ending at a space never splits a
    Thai word either (slicing gave "…ขับเคลื่อนองค์กรดิจิ" and "Big da").
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    if " " in head:
        head = head.rsplit(" ", 1)[0]
    else:
        head = text.split(" ", 1)[0]
    head = head.rstrip(" ,;:.-–—(")
    return head + ELLIPSIS if head != text else text
