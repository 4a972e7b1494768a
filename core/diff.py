"""A word-level difference between two texts in Thai or English, for showing what a revision changed."""
import re

from diff_match_patch import diff_match_patch

# Thai writes words without spaces, so a Thai "word" here is one grapheme (a letter with its vowel and tone
# marks): the diff never splits a mark from its letter, and the semantic clean-up joins graphemes into the
# runs a reader sees as changed words. Other scripts split at word boundaries, spaces and punctuation.
_TOKENS = re.compile(
    r"\s+"
    r"|[\u0E01-\u0E30\u0E32\u0E33\u0E3F-\u0E46\u0E4F-\u0E5B][\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]*"
    r"|[^\W\u0E00-\u0E7F]+"
    r"|.",
    re.S,
)
# Tokens are diffed as single characters of the supplementary private use area, as diff-match-patch's
# line mode does with lines.
_TOKEN_BASE = 0xF0000

SAME, REMOVED, ADDED = "same", "removed", "added"
_OPS = {0: SAME, -1: REMOVED, 1: ADDED}


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The texts as runs of (SAME | REMOVED | ADDED, text), in reading order, whole words and graphemes."""
    index: dict[str, str] = {}
    tokens: list[str] = []

    def encode(text: str) -> str:
        out = []
        for token in _TOKENS.findall(text or ""):
            if token not in index:
                index[token] = chr(_TOKEN_BASE + len(tokens))
                tokens.append(token)
            out.append(index[token])
        return "".join(out)

    engine = diff_match_patch()
    engine.Diff_Timeout = 1.0
    diffs = engine.diff_main(encode(old), encode(new), False)
    engine.diff_cleanupSemantic(diffs)
    runs: list[tuple[str, str]] = []
    for op, encoded in diffs:
        text = "".join(tokens[ord(ch) - _TOKEN_BASE] for ch in encoded)
        if runs and runs[-1][0] == _OPS[op]:
            runs[-1] = (runs[-1][0], runs[-1][1] + text)
        elif text:
            runs.append((_OPS[op], text))
    return runs
