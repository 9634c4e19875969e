"""Reading and checking imported files, as pure functions.

Two kinds of file come in:
- comparator figures in long format (area code, area name, period, value, and
  usually an indicator column), such as the ASCOF files published for Trafford
  and its near neighbours;
- our own values, in the same template the export writes.

Every row is checked before anything is written; each problem gets a message
that names the row and says what to fix. `NA` and the other markers of
"no data" are kept as no data, never as zero.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from operator import itemgetter

from core.spreadsheets import safe_row, unescape_cell
from indicators.periods import PeriodError, parse_period

MAX_ROWS = 100_000
MAX_BYTES = 10 * 1024 * 1024

# Markers published files use for "no figure": not available, suppressed, not applicable.
NO_DATA = {"", "na", "n/a", "..", ":", "-", "x", "*", "c", "[x]", "[c]", "null", "none"}

ONS_CODE = re.compile(r"^[EWSNK]\d{8}$")

# A cell that safe_cell protected starts with an apostrophe and a formula trigger, at the start of a line,
# after a comma or inside quotes; a file with none of these is read without looking at each cell.
PROTECTED_CELL = re.compile(r"(?:^|[,\r\n\"])'[=+\-@\t\r]")

# The template for our own values: the export writes it, the import reads it.
VALUES_TEMPLATE = ["indicator_code", "indicator_name", "period", "actual", "numerator", "denominator",
                   "commentary", "provisional", "status"]
VALUES_REQUIRED = ["indicator_code", "period"]

# What a comparator file must provide, and the names its columns go by.
BENCHMARK_FIELDS = {
    "area_code": ("area_code", "area code", "ons code", "code", "geography code", "la code", "areacode"),
    "area_name": ("area_name", "area name", "area", "name", "geography", "la name", "local authority"),
    "period": ("period", "year", "time period", "date", "financial year"),
    "value": ("value", "figure", "measure value", "rate", "percentage"),
    "indicator": ("indicator", "indicator name", "measure", "metric"),
}
BENCHMARK_REQUIRED = ("area_code", "area_name", "period", "value")


class FileError(ValueError):
    """A file that cannot be read at all."""


def read_table(file_name, data):
    """The header and rows of a CSV or Excel (.xlsx) file, every cell as text."""
    if len(data) > MAX_BYTES:
        raise FileError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: split it into smaller files")
    name = file_name.lower()
    if name.endswith(".xlsx"):
        rows = _read_xlsx(data)
    elif name.endswith((".csv", ".txt")):
        rows = _read_csv(data)
    else:
        raise FileError("The file must be a CSV file (.csv) or an Excel workbook (.xlsx)")
    rows = [row for row in rows if "".join(row).strip()]
    if not rows:
        raise FileError("The file is empty")
    if len(rows) - 1 > MAX_ROWS:
        raise FileError(f"The file has more than {MAX_ROWS:,} rows: split it into smaller files")
    header = [cell.strip() for cell in rows[0]]
    width = len(header)
    body = [row if len(row) == width else (row + [""] * width)[:width] for row in rows[1:]]
    if not body:
        raise FileError("The file has a header row but no figures")
    return header, body


def _read_csv(data):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise FileError("The file is not text: save it as CSV (UTF-8)")
    try:
        if PROTECTED_CELL.search(text) is None:
            return list(csv.reader(io.StringIO(text)))
        return [[unescape_cell(cell) for cell in row] for row in csv.reader(io.StringIO(text))]
    except csv.Error as error:
        raise FileError(f"The file is not a valid CSV file: {error}") from None


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unescape_cell(str(value))


def _read_xlsx(data):
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError):
        raise FileError("The file is not a valid Excel workbook (.xlsx)") from None
    sheet = workbook.worksheets[0]
    rows = [[_cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def guess_columns(header, fields=BENCHMARK_FIELDS):
    """A first guess at which column holds each field, by its heading."""
    lowered = [h.strip().lower() for h in header]
    guess = {}
    for name, aliases in fields.items():
        for alias in aliases:
            if alias in lowered and lowered.index(alias) not in guess.values():
                guess[name] = lowered.index(alias)
                break
    return guess


def parse_number(text):
    """A number from a cell, None for "no data"; ValueError with a message otherwise."""
    try:
        number = Decimal(text)  # most cells are plain figures: read them at once
    except (InvalidOperation, TypeError, ValueError):
        pass
    else:
        if number.is_finite():
            return number
    cleaned = str(text).strip().replace(",", "").replace("£", "")
    if cleaned.lower() in NO_DATA:
        return None
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1].strip()
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{str(text).strip()!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"{str(text).strip()!r} is not a number")
    return number


@dataclass(frozen=True)
class IndicatorInfo:
    """What checking a row needs to know of an indicator."""

    id: int
    code: str
    frequency: str
    unit_label: str
    minimum: Decimal | None
    maximum: Decimal | None
    multiplier: Decimal = Decimal(1)
    can_enter: bool = True


def check_range(number, info):
    """A message when a number is outside what the indicator's unit allows."""
    if info.minimum is not None and number < info.minimum:
        return f"{number:f} is below {info.minimum.normalize():f}, the lowest a {info.unit_label.lower()} can be"
    if info.maximum is not None and number > info.maximum:
        return f"{number:f} is above {info.maximum.normalize():f}, the highest a {info.unit_label.lower()} can be"
    return None


@dataclass(slots=True)
class RowResult:
    line: int  # the line in the file, counting the header as line 1
    cells: list
    errors: list = field(default_factory=list)
    indicator_id: int | None = None
    period: object = None  # periods.PeriodSpec
    value: Decimal | None = None
    no_data: bool = False
    area_code: str = ""
    area_name: str = ""
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    commentary: str = ""
    provisional: bool = False
    skipped: bool = False  # an indicator the person chose not to import

    @property
    def is_valid(self):
        return not self.errors


def _period_for(text, info, result, known=None):
    """The period a cell names, checked against the indicator's frequency; `known` caches what was read."""
    try:
        if known is None:
            spec = parse_period(text)
        else:
            spec = known.get(text)
            if spec is None:
                spec = known[text] = parse_period(text)
    except PeriodError as error:
        result.errors.append(str(error))
        return None
    if info is not None and spec.kind != info.frequency:
        result.errors.append(
            f"{info.code} is reported {_frequency_word(info.frequency)}: {spec.label} is a {spec.kind}")
    return spec


def _frequency_word(kind):
    return {"year": "once a year", "quarter": "each quarter", "month": "each month"}[kind]


def check_benchmark_rows(rows, column_map, *, indicators_by_name=None, single=None, first_line=2):
    """Check comparator rows. `indicators_by_name` maps the file's indicator names to IndicatorInfo
    (or None for names to skip); `single` is the indicator of a file with no indicator column."""
    results = []
    col = column_map
    for offset, cells in enumerate(rows):
        result = RowResult(first_line + offset, cells)
        results.append(result)

        def cell(name, cells=cells):
            index = col.get(name)
            return cells[index].strip() if index is not None and index != "" and int(index) < len(cells) else ""

        info = single
        if col.get("indicator") not in (None, ""):
            name = cell("indicator")
            if indicators_by_name is None or name not in indicators_by_name:
                result.errors.append(f"The indicator {name!r} is not matched to one in the library")
                continue
            info = indicators_by_name[name]
            if info is None:
                result.skipped = True
                continue
        if info is None:
            result.errors.append("Choose the indicator these figures are for")
            continue
        result.indicator_id = info.id
        result.area_code = cell("area_code").upper()
        result.area_name = cell("area_name")
        if not ONS_CODE.match(result.area_code):
            result.errors.append(f"{result.area_code or 'The area code'!r} is not an ONS area code like E08000009"
                                 if result.area_code else "The area code is missing")
        if not result.area_name:
            result.errors.append("The area name is missing")
        result.period = _period_for(cell("period"), info, result)
        try:
            result.value = parse_number(cell("value"))
        except ValueError as error:
            result.errors.append(str(error))
            continue
        if result.value is None:
            result.no_data = True
        elif message := check_range(result.value, info):
            result.errors.append(message)
    return results


def _truthy(text):
    return str(text).strip().lower() in ("yes", "y", "true", "1", "provisional")


def check_value_rows(header, rows, *, indicators_by_code, first_line=2, seen=None):
    """Check rows of our own values in the portal's template.

    `seen` ({(indicator id, period): line}) carries the figures already given from one chunk of a file to
    the next, so that a figure given twice is caught wherever the second one is.
    """
    seen = {} if seen is None else seen
    lowered = [h.strip().lower() for h in header]
    missing = [name for name in VALUES_REQUIRED if name not in lowered]
    if missing or not ({"actual", "numerator"} & set(lowered)):
        need = ", ".join(missing + ([] if {"actual", "numerator"} & set(lowered) else ["actual"]))
        raise FileError(f"The file is not the values template: it has no {need} column. "
                        "Download the template from the export page and fill that in")
    index = {name: lowered.index(name) for name in VALUES_TEMPLATE if name in lowered}
    # Column positions, None for a column the file leaves out: a file can have 100,000 rows.
    at = [index.get(name) for name in ("indicator_code", "period", "actual", "numerator", "denominator",
                                       "commentary", "provisional")]
    if None in at:
        def take(cells):
            return [cells[i] if i is not None else "" for i in at]
    else:
        take = itemgetter(*at)
    periods = {}  # a file repeats the same few periods: read each once
    results = []
    for line, cells in enumerate(rows, start=first_line):
        code, period, actual, numerator, denominator, commentary, provisional = take(cells)
        code = code.strip()
        info = indicators_by_code.get(code.upper())
        if info is None:
            results.append(RowResult(line, cells, [f"{code!r} is not an indicator code in the library" if code
                                                   else "The indicator code is missing"]))
            continue
        errors = []
        if not info.can_enter:
            errors.append(f"You cannot enter values for {info.code}: it belongs to another service")
        period = period.strip()
        spec = periods.get(period)
        if spec is None:
            try:
                spec = periods[period] = parse_period(period)
            except PeriodError as error:
                errors.append(str(error))
        if spec is not None and spec.kind != info.frequency:
            errors.append(f"{info.code} is reported {_frequency_word(info.frequency)}: {spec.label} is a {spec.kind}")
        if spec is not None and (first := seen.setdefault((info.id, spec), line)) != line:
            errors.append(f"{info.code} for {spec.label} is already given on line {first}: give each figure once")
        actual = _figure("Actual", actual, errors)
        numerator = _figure("Numerator", numerator, errors)
        denominator = _figure("Denominator", denominator, errors)
        if (numerator is None) != (denominator is None):
            errors.append("Give both the numerator and the denominator, or neither")
        elif denominator is not None:
            if denominator == 0:
                errors.append("The denominator is 0: a value cannot be divided by zero")
            else:
                actual = calculate(numerator, denominator, info.multiplier)
        no_data = actual is None and not errors
        if actual is not None and (message := check_range(actual, info)):
            errors.append(message)
        provisional = provisional.strip()
        results.append(RowResult(line, cells, errors, indicator_id=info.id, period=spec, value=actual,
                                 no_data=no_data, numerator=numerator, denominator=denominator,
                                 commentary=commentary.strip(),
                                 provisional=_truthy(provisional) if provisional else False))
    return results


def _figure(name, text, errors):
    """The number in a figure's cell, or None when it is empty or wrong (saying so in `errors`)."""
    text = text.strip()
    if not text:
        return None
    try:
        return parse_number(text)
    except ValueError as error:
        errors.append(f"{name}: {error}")
        return None


def calculate(numerator, denominator, multiplier):
    """The value of a calculated indicator, kept to four decimal places."""
    return (Decimal(numerator) / Decimal(denominator) * Decimal(multiplier)).quantize(Decimal("0.0001"))


def summary(results):
    valid = [r for r in results if r.is_valid and not r.skipped]
    return {
        "total": len(results),
        "valid": len(valid),
        "invalid": sum(1 for r in results if not r.is_valid),
        "skipped": sum(1 for r in results if r.skipped),
        "no_data": sum(1 for r in valid if r.no_data),
    }


def write_csv(header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(safe_row(row) for row in rows)
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(header, rows, *, sheet_title="Values"):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    sheet.append(header)
    for row in rows:
        sheet.append(safe_row(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
