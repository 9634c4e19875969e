"""Exports never hand a spreadsheet a formula to run; imports read them back unchanged."""

import csv
import io

import pytest
from openpyxl import load_workbook

from core.spreadsheets import safe_cell
from indicators import importing


@pytest.mark.parametrize(("typed", "exported"), [
    ("=HYPERLINK(\"http://evil.example\",\"click\")", "'=HYPERLINK(\"http://evil.example\",\"click\")"),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\tleading tab", "'\tleading tab"),
    ("-12.5", "-12.5"),
    ("+3", "+3"),
    ("Reablement", "Reablement"),
    (-4, -4),
    (None, None),
])
def test_formula_cells_are_made_text_and_numbers_are_left_alone(typed, exported):
    assert safe_cell(typed) == exported


def test_a_csv_export_is_safe_and_reimports_as_typed():
    rows = [["ASCOF 2A", "2025-26 Q1", "-3", "=1+1 was typed as a comment"]]
    body = importing.write_csv(["code", "period", "value", "comment"], rows)
    exported = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert exported[1] == ["ASCOF 2A", "2025-26 Q1", "-3", "'=1+1 was typed as a comment"]
    assert importing.read_table("values.csv", body)[1] == rows


def test_an_excel_export_is_safe_and_reimports_as_typed():
    rows = [["ASCOF 2A", "2025-26 Q1", 12.5, "@risk"]]
    body = importing.write_xlsx(["code", "period", "value", "comment"], rows)
    sheet = load_workbook(io.BytesIO(body)).active
    assert sheet["D2"].value == "'@risk"
    assert sheet["D2"].data_type == "s"
    assert importing.read_table("values.xlsx", body)[1][0][3] == "@risk"
