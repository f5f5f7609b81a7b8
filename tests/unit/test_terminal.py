"""outputs/terminal.py: page text made safe for a terminal and a spreadsheet."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from newsledger.outputs.terminal import literal, safe_for_terminal, spreadsheet_cell


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Breaking [/x] news", "Breaking [/x] news"),
        ("[bold red]Alert[/bold red] :fire:", "[bold red]Alert[/bold red] :fire:"),
        ("Quiet\x1b]0;PWNED\x07 title", "Quiet title"),  # OSC 0 retitles the terminal
        ("Quiet\x1b]8;;http://evil.test\x1b\\link", "Quietlink"),  # OSC 8, ended by ST
        ("\x1b[2J\x1b[Hcleared", "cleared"),  # CSI: clear screen, cursor home
        ("\x1b[31mred\x1b[0m", "red"),
        ("eight-bit \x9b2Jcsi", "eight-bit csi"),
        ("a\x1bcb", "ab"),  # ESC c resets the terminal
        ("two\nlines\r\nand\ta tab", "two lines and a tab"),
        ("bell\x07 and nul\x00 and del\x7f", "bell and nul and del"),
        ("admin\u202etxt.exe", "admintxt.exe"),  # bidi override reorders the line
        ("Café — «quoted» 👍", "Café — «quoted» 👍"),
    ],
    ids=[
        "closing-tag", "style-and-emoji", "osc-title", "osc-hyperlink", "csi-clear", "csi-color",
        "c1-csi", "esc-reset", "line-breaks", "c0-controls", "bidi-override", "unicode-kept",
    ],
)  # fmt: skip
def test_page_text_is_printed_exactly_as_made_safe(text: str, shown: str) -> None:
    assert safe_for_terminal(text) == shown
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(literal(text))
    assert out.getvalue() == shown + "\n"


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://evil.test")', '\'=HYPERLINK("http://evil.test")'),
        ("+1 555 0100", "'+1 555 0100"),
        ("-5 degrees", "'-5 degrees"),
        ("-5", "'-5"),  # page text that looks like a number is still page text
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("a = b", "a = b"),
        ("", ""),
        (-5, -5),  # a number the project computed is written as a number
        (3, 3),
    ],
)
def test_a_csv_cell_never_starts_a_formula(cell: object, written: object) -> None:
    assert spreadsheet_cell(cell) == written
