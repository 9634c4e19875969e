"""Cells that a spreadsheet will not run as a formula (CSV and Excel exports).

A text cell beginning = + - @ (or a tab or carriage return) is a formula to Excel and
LibreOffice, so a comment like "=HYPERLINK(...)" typed into the portal could run on an
officer's machine when they open an export. Such cells get a leading apostrophe, which the
spreadsheet shows as text; numbers, including negative ones, are left alone. Our importers
remove the apostrophe again, so an exported file re-imports unchanged.
"""

from decimal import Decimal, InvalidOperation

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(TRIGGERS) and not _is_number(value):
        return "'" + value
    return value


def safe_row(row):
    return [safe_cell(value) for value in row]


def unescape_cell(text):
    """The text as typed before `safe_cell` protected it."""
    if isinstance(text, str) and text.startswith("'") and text[1:].startswith(TRIGGERS):
        return text[1:]
    return text


def _is_number(text):
    try:
        Decimal(text.strip())
    except InvalidOperation:
        return False
    return True
