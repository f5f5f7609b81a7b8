"""How newsrooms word correction notes, one module per language: english, german, french,
spanish, dutch, italian, portuguese (the `NoteLanguage` shape is in `shape`).

Data only: `changes.notes` compiles these tables into its detector, `changes.note_dates`
reads the months and stamp words, `changes.note_wording` the wrong/right phrases. To support a
newsroom's wording, add it to its language's table with the reason; a case in
tests/unit/test_notes_languages.py pins it.
"""

from __future__ import annotations

from newsledger.changes.note_conventions.dutch import DUTCH
from newsledger.changes.note_conventions.english import ENGLISH
from newsledger.changes.note_conventions.french import FRENCH
from newsledger.changes.note_conventions.german import GERMAN
from newsledger.changes.note_conventions.italian import ITALIAN
from newsledger.changes.note_conventions.portuguese import PORTUGUESE
from newsledger.changes.note_conventions.shape import NoteLanguage
from newsledger.changes.note_conventions.spanish import SPANISH

LANGUAGES: tuple[NoteLanguage, ...] = (
    ENGLISH,
    GERMAN,
    FRENCH,
    SPANISH,
    DUTCH,
    ITALIAN,
    PORTUGUESE,
)
