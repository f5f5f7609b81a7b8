"""One status per version transition (declared, silent substantive, routine), decided from
its new notes, the kinds of its changes and the links between them."""

from __future__ import annotations

from collections.abc import Sequence

from newsledger.models import ChangeLabel, CorrectionNote, NoteLink

# Kinds that change what a report asserts, as opposed to growth, cuts and polish.
SUBSTANTIVE_KINDS = frozenset({"numeric", "name_or_title", "quote", "attribution"})


def transition_status(
    is_first: bool,
    new_notes: Sequence[CorrectionNote],
    labels: Sequence[ChangeLabel],
    links: Sequence[NoteLink],
) -> str:
    """One status per version transition.

    - declared_and_observed: a new note, linked to at least one change it describes;
    - declared_unobserved: a new note on a first capture (nothing to compare) or with no
      change it describes;
    - silent_substantive: no new note, and a numeric, name_or_title, quote or attribution
      change (on the body or the headline);
    - routine: anything else. A `rewrite` alone is routine (reworded, no fact among the
      tested kinds changed), and so is a headline or byline change unless the headline
      also changed a number, name, quote or attribution.
    """
    if new_notes:
        return "declared_and_observed" if links and not is_first else "declared_unobserved"
    if any(label.kind in SUBSTANTIVE_KINDS for label in labels):
        return "silent_substantive"
    return "routine"
