"""Text bound for a person's terminal or spreadsheet: page-derived text made literal (no rich
markup, no escape sequences, no formulas) and OS errors worded as the one reason a user can fix.

Pages, feeds and WARC files are written by strangers. A title such as `Breaking [/x] news` is
rich markup, `\\x1b]0;...\\x07` retitles the terminal and `=HYPERLINK(...)` is a formula when the
CSV is opened in a spreadsheet; every command prints such text through these helpers.
"""

from __future__ import annotations

import errno
import re

from rich.text import Text

# Whole escape sequences go, parameters and all, so no payload is left behind as text:
# CSI (ESC [ or 0x9b, parameters, final byte), OSC/DCS/SOS/PM/APC strings (ESC ] P X ^ _,
# ended by BEL or ST) and two-byte ESC sequences. A lone 8-bit string introducer (0x90,
# 0x9d...) is only dropped as a control: in mis-decoded cp1252 text it is a stray character.
_ESCAPE_SEQUENCE = re.compile(
    r"""
      (?:\x1b\[|\x9b) [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]?
    | \x1b[\]PX^_] [^\x07\x1b\x9c]* (?:\x07|\x1b\\|\x9c)?
    | \x1b [\x20-\x2f]* [\x30-\x7e]?
    """,
    re.VERBOSE,
)
# Line breaks and tabs become a space, so one record stays on one line.
_LINE_BREAKS = re.compile("[\t\n\v\f\r\x85\u2028\u2029]+")
# What is left of C0, DEL and C1, plus the bidirectional controls that reorder what a
# terminal shows (a "Trojan Source" line reads differently from the bytes it holds).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# OWASP's list for CSV injection: a cell starting with one of these is a formula (or becomes
# one) in Excel, LibreOffice and Google Sheets.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_for_terminal(value: object) -> str:
    """`value` as one printable line: escape sequences and control characters removed,
    line breaks and tabs turned into single spaces. Rich markup is left for `literal`."""
    text = _ESCAPE_SEQUENCE.sub("", str(value))
    text = _LINE_BREAKS.sub(" ", text)
    return _CONTROLS.sub("", text)


def literal(value: object, style: str = "") -> Text:
    """A rich Text that prints `value` exactly as safe_for_terminal makes it: brackets are
    brackets, never markup, and `:name:` is never an emoji."""
    return Text(safe_for_terminal(value), style=style)


def spreadsheet_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula.

    Text starting with = + - @, a tab or a carriage return gets a leading single quote
    (OWASP's convention; spreadsheets hide the quote). Text that merely looks like a negative
    number ("-5") is page text too and is quoted the same way: telling "-5" from "-5+cmd|..."
    would mean parsing formulas. Numbers this project computes (ints, floats) pass unchanged.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def os_reason(error: OSError) -> str:
    """The reason an OS call failed, in the words a user acts on."""
    if error.errno in (errno.EEXIST, errno.ENOTDIR):
        return "a file is in the way where a folder is needed"
    if error.errno == errno.ENOSPC:
        return "no space left on the disk"
    if error.errno == errno.EDQUOT:
        return "disk quota exceeded"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "not writable"
    return error.strerror or str(error)
