"""What each status, kind and review state means, in editors' words: the legend at the top of
the correction log and the tooltips on its badges (static report and `newsledger web` alike).

The definitions follow changes/status.py and changes/kinds.py; change them together.
"""

from __future__ import annotations

STATUS_HELP = {
    "silent_substantive": (
        "No correction note, yet a number, name or title, quote or attribution changed: "
        "the edits editors most need to see."
    ),
    "declared_and_observed": (
        "A new correction or update note, and a change it describes was found in the text."
    ),
    "declared_unobserved": (
        "A new note, but no change it describes was found (or this is the first capture, "
        "so there is nothing to compare)."
    ),
    "routine": (
        "No note and no change to a fact among the tested kinds: growth, cuts, rewording, polish."
    ),
}

KIND_HELP = {
    "numeric": "A number, quantity, date or time differs (40 → 60, Tuesday → Wednesday).",
    "name_or_title": "A name or a role (spokesman, minister, …) was replaced, added or removed.",
    "quote": "A word inside quotation marks changed.",
    "attribution": "Who said it, or the verb saying so (said, told, according to), changed.",
    "cosmetic": "Only spelling, punctuation, capitals, a repeated word or word order changed.",
    "rewrite": "A sentence was reworded without a tested fact changing.",
    "added": "A whole sentence was added.",
    "removed": "A whole sentence was removed.",
    "headline": "The headline changed.",
    "byline": "The byline changed.",
    "changed": "A sentence was edited.",
}

REVIEW_HELP = {
    "unreviewed": "No editor has looked at this entry yet.",
    "needs-note": "An editor found that the change needs a correction note; it stays pending.",
    "reviewed": "An editor checked the entry and found it handled.",
    "dismissed": "An editor judged the entry not worth action (e.g. a false alarm).",
    "pending": "Unreviewed or needs-note: what still waits for an editor.",
}

RECONSTRUCTED_HELP = (
    "At least one of these versions was rebuilt from a correction note or an archive, "
    "not captured as published."
)


def status_help(status: str) -> str:
    return STATUS_HELP.get(status, "")


def kind_help(kind: str) -> str:
    return KIND_HELP.get(kind, "")


def review_help(state: str) -> str:
    return REVIEW_HELP.get(state, "")
