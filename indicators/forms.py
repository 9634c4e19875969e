from decimal import Decimal

from django import forms

from core import concurrency
from indicators import importing
from indicators import periods as P
from indicators import rag as R
from indicators.banding import check_thresholds
from indicators.models import (
    RAG,
    ComparatorArea,
    ComparatorGroup,
    Framework,
    Indicator,
    ValueStatus,
)
from indicators.selectors import compute_rag
from organisation.forms import PersonChoiceField, offer_current_officers
from organisation.models import Service


class PeriodField(forms.CharField):
    """A period typed as people write it: 2024/25, Q3 2024/25 or Nov 2023."""

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return P.parse_period(text)
        except P.PeriodError as error:
            raise forms.ValidationError(str(error)) from None


class IndicatorFilterForm(forms.Form):
    q = forms.CharField(label="Code or name", required=False, max_length=100)
    framework = forms.ChoiceField(label="Framework", required=False, choices=[("", "Any"), *Framework.choices])
    service = forms.ModelChoiceField(label="Service", required=False, queryset=Service.objects.all(),
                                     empty_label="Any service")
    rag = forms.ChoiceField(label="Latest RAG", required=False, choices=[("", "Any"), *RAG.choices])
    status = forms.ChoiceField(label="Latest value's status", required=False,
                               choices=[("", "Any"), *ValueStatus.choices])


def _numbers(text, label):
    try:
        return [Decimal(part.strip()) for part in text.split(",") if part.strip()]
    except ArithmeticError:
        raise forms.ValidationError(f"{label}: write numbers separated by commas") from None


class IndicatorForm(forms.ModelForm):
    """The library entry for one indicator. Changing what it measures starts a new version."""

    band_thresholds_text = forms.CharField(
        label="PAF band boundaries (optional)", required=False, max_length=200,
        help_text="Four numbers, lowest first, separated by commas: the boundaries between bands 1|2, 2|3, 3|4 "
                  "and 4|5. Leave blank for no banding.")
    key_thresholds_text = forms.CharField(
        label="Key thresholds (optional)", required=False, max_length=200,
        help_text="Pairs of threshold and highest band, for example '20:1' caps the band at 1 beyond 20.")
    change_note = forms.CharField(
        label="Why the definition changed", required=False, widget=forms.Textarea, max_length=2000,
        help_text="Needed when you change the name, unit, polarity, calculation, source or definition: "
                  "the change breaks the series.")
    effective_from = PeriodField(
        label="First period the new definition applies to", required=False,
        help_text="For example Q1 2025/26 or 2025/26")

    class Meta:
        model = Indicator
        fields = [
            "code", "name", "framework", "domain", "service", "unit", "polarity", "frequency",
            "numerator_label", "denominator_label", "multiplier", "decimal_places", "value_minimum",
            "value_maximum", "data_source", "definition", "accountable_officer", "data_officer",
            "rag_scheme", "tolerance_kind", "tolerance", "tolerance_outer", "band_cap", "due_days",
            "escalate_after_days", "is_active",
        ]
        widgets = {"definition": forms.Textarea, "rag_scheme": forms.RadioSelect,
                   "tolerance_kind": forms.RadioSelect, "polarity": forms.RadioSelect}
        field_classes = {"accountable_officer": PersonChoiceField, "data_officer": PersonChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_current_officers(self.fields["accountable_officer"])
        offer_current_officers(self.fields["data_officer"])
        self.fields["accountable_officer"].required = True
        self.fields["data_officer"].required = True
        for name, label in (("accountable_officer", "accountable officer"), ("data_officer", "data officer")):
            self.fields[name].empty_label = "Choose an officer"
            self.fields[name].error_messages["required"] = f"Choose the {label}"
        # GOV.UK asks for a prompt, not dashes, as a select's first option, and no empty radio button.
        self.fields["service"].empty_label = "Choose a service"
        self.fields["service"].error_messages["required"] = "Choose a service"
        for name, prompt in (("framework", "Choose a framework"), ("unit", "Choose a unit"),
                             ("frequency", "Choose how often it is reported")):
            field = self.fields[name]
            field.choices = [("", prompt), *[choice for choice in field.choices if choice[0] != ""]]
            field.error_messages["required"] = prompt
        self.fields["polarity"].choices = [choice for choice in self.fields["polarity"].choices if choice[0] != ""]
        self.fields["polarity"].error_messages["required"] = "Choose whether higher or lower is better"
        instance = self.instance
        if instance.pk:
            self.initial["band_thresholds_text"] = ", ".join(str(t) for t in instance.band_thresholds)
            self.initial["key_thresholds_text"] = ", ".join(f"{t}:{c}" for t, c in instance.band_key_thresholds)
        else:
            del self.fields["change_note"]
            del self.fields["effective_from"]

    def clean_band_thresholds_text(self):
        values = _numbers(self.cleaned_data["band_thresholds_text"], "Band boundaries")
        if values:
            try:
                check_thresholds(values)
            except ValueError as error:
                raise forms.ValidationError(str(error)) from None
        return [float(v) if v != v.to_integral() else int(v) for v in values]

    def clean_key_thresholds_text(self):
        pairs = []
        for part in self.cleaned_data["key_thresholds_text"].split(","):
            if not part.strip():
                continue
            try:
                threshold, cap = part.split(":")
                threshold, cap = Decimal(threshold.strip()), int(cap.strip())
            except (ValueError, ArithmeticError):
                raise forms.ValidationError("Write key thresholds as threshold:band, for example 20:1") from None
            if not 1 <= cap <= 5:
                raise forms.ValidationError("A key threshold caps the band at 1 to 5")
            pairs.append([float(threshold), cap])
        return pairs

    def clean(self):
        data = super().clean()
        if data.get("band_cap") is not None and not 1 <= data["band_cap"] <= 5:
            self.add_error("band_cap", "The highest band possible is between 1 and 5")
        if data.get("polarity") == R.RANGE and data.get("band_thresholds_text"):
            self.add_error("band_thresholds_text", "PAF banding needs higher or lower is better")
        if (data.get("value_minimum") is not None and data.get("value_maximum") is not None
                and data["value_minimum"] >= data["value_maximum"]):
            self.add_error("value_maximum", "The highest value must be above the lowest")
        return data

    def model_fields(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["band_thresholds"] = self.cleaned_data["band_thresholds_text"]
        data["band_key_thresholds"] = self.cleaned_data["key_thresholds_text"]
        return data


def parse_entry_number(text, label):
    try:
        return importing.parse_number(text) if text.strip() else None
    except ValueError as error:
        raise forms.ValidationError(f"{label}: {error}") from None


class EntryGridForm(forms.Form):
    """Every due value of a service for one period, entered at once.

    Fields are named <field>-<indicator id>; rows are the entry grid's rows.
    """

    ROW_FIELDS = ("actual", "numerator", "denominator", "commentary", "provisional", "seen")
    # What two people could overwrite in each other's entry: checked before saving.
    CONCURRENT_FIELDS = ("actual", "numerator", "denominator", "commentary", "is_provisional", "status")

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = self.data.copy()  # so a refused row can be given the version now on record
        self.rows = rows
        for row in rows:
            i = row.indicator.pk
            value = row.value
            self.fields[f"seen-{i}"] = forms.CharField(required=False, widget=forms.HiddenInput)
            self.initial[f"seen-{i}"] = concurrency.token(value, self.CONCURRENT_FIELDS)
            self.fields[f"actual-{i}"] = forms.CharField(required=False, max_length=30, label=f"{row.indicator.code} actual")
            self.fields[f"numerator-{i}"] = forms.CharField(required=False, max_length=30, label="Numerator")
            self.fields[f"denominator-{i}"] = forms.CharField(required=False, max_length=30, label="Denominator")
            self.fields[f"commentary-{i}"] = forms.CharField(required=False, max_length=4000, widget=forms.Textarea,
                                                             label="Commentary")
            self.fields[f"provisional-{i}"] = forms.BooleanField(required=False, label="Provisional")
            if value is not None:
                self.initial.update({
                    f"actual-{i}": _plain(value.actual) if not row.indicator.is_calculated else "",
                    f"numerator-{i}": _plain(value.numerator),
                    f"denominator-{i}": _plain(value.denominator),
                    f"commentary-{i}": value.commentary,
                    f"provisional-{i}": value.is_provisional,
                })
                if row.indicator.is_calculated and value.numerator is None:
                    self.initial[f"actual-{i}"] = _plain(value.actual)

    def entries(self, *, submitting):
        """The rows as entries for services.values_save, checked; errors are added to the fields."""
        entries = []
        for row in self.rows:
            if row.is_locked:
                continue
            indicator, i = row.indicator, row.indicator.pk
            data = self.cleaned_data
            if self._changed_since_shown(row):
                continue
            try:
                actual = parse_entry_number(data.get(f"actual-{i}", ""), "Actual")
            except forms.ValidationError as error:
                self.add_error(f"actual-{i}", f"{indicator.code}: {error.messages[0]}")
                continue
            numerator = denominator = None
            try:
                numerator = parse_entry_number(data.get(f"numerator-{i}", ""), "Numerator")
                denominator = parse_entry_number(data.get(f"denominator-{i}", ""), "Denominator")
            except forms.ValidationError as error:
                self.add_error(f"numerator-{i}", f"{indicator.code}: {error.messages[0]}")
                continue
            if (numerator is None) != (denominator is None):
                self.add_error(f"denominator-{i}" if denominator is None else f"numerator-{i}",
                               f"{indicator.code}: give both the numerator and the denominator, or neither")
                continue
            if denominator is not None:
                if denominator == 0:
                    self.add_error(f"denominator-{i}",
                                   f"{indicator.code}: the denominator is 0, and a value cannot be divided by zero")
                    continue
                actual = importing.calculate(numerator, denominator, indicator.multiplier)
            if actual is not None:
                low, high = indicator.value_range()
                info = importing.IndicatorInfo(i, indicator.code, indicator.frequency, indicator.get_unit_display(),
                                               low, high)
                if message := importing.check_range(actual, info):
                    self.add_error(f"actual-{i}" if denominator is None else f"numerator-{i}",
                                   f"{indicator.code}: {message}")
                    continue
            commentary = data.get(f"commentary-{i}", "").strip()
            if submitting and actual is not None and not commentary:
                previous = row.previous.actual if row.previous else None
                if compute_rag(indicator, actual, row.target, previous) == R.RED:
                    self.add_error(f"commentary-{i}", f"{indicator.code} is red against its target: add commentary "
                                                       "saying why, and what is being done")
                    continue
            entries.append({"indicator": indicator, "actual": actual, "numerator": numerator,
                            "denominator": denominator, "commentary": commentary,
                            "is_provisional": bool(data.get(f"provisional-{i}"))})
        return entries

    def _changed_since_shown(self, row):
        i = row.indicator.pk
        current = concurrency.token(row.value, self.CONCURRENT_FIELDS)
        if self.cleaned_data.get(f"seen-{i}", current) in ("", current):
            return False
        value = row.value
        self.add_error(f"actual-{i}", concurrency.changed_by_message(
            what=row.indicator.code, who=value.entered_by if value else None, when=value.entered_at if value else None,
            now_reads=f"{_plain(value.actual) or 'blank'}" if value else "nothing (it was deleted)"))
        self.data[f"seen-{i}"] = current  # saving again, having looked, is a deliberate overwrite
        return True

    def bound_rows(self):
        """Each grid row with its bound fields, for the template."""
        return [
            {"row": row, **{name: self[f"{name}-{row.indicator.pk}"] for name in self.ROW_FIELDS}}
            for row in self.rows
        ]


def _plain(number):
    if number is None:
        return ""
    return f"{Decimal(number).normalize():f}"


class ValueChangeForm(forms.Form):
    actual = forms.CharField(label="Actual", required=False, max_length=30)
    numerator = forms.CharField(label="Numerator", required=False, max_length=30)
    denominator = forms.CharField(label="Denominator", required=False, max_length=30)
    commentary = forms.CharField(label="Commentary", required=False, widget=forms.Textarea, max_length=4000)
    is_provisional = forms.BooleanField(label="This figure is provisional", required=False)
    reason = forms.CharField(label="Why is this figure changing?", required=False, widget=forms.Textarea,
                             max_length=2000,
                             help_text="Needed once a figure is verified or published: it is kept with the revision")

    def __init__(self, *args, value, **kwargs):
        super().__init__(*args, **kwargs)
        self.value = value
        indicator = value.indicator
        if not indicator.is_calculated:
            del self.fields["numerator"]
            del self.fields["denominator"]
        else:
            self.fields["numerator"].label = f"Numerator: {indicator.numerator_label}"
            self.fields["denominator"].label = f"Denominator: {indicator.denominator_label}"
        self.initial.update({"actual": _plain(value.actual), "numerator": _plain(value.numerator),
                             "denominator": _plain(value.denominator), "commentary": value.commentary,
                             "is_provisional": value.is_provisional})

    def clean(self):
        data = super().clean()
        indicator = self.value.indicator
        for name in ("actual", "numerator", "denominator"):
            if name in self.fields:
                try:
                    data[name] = parse_entry_number(data.get(name, ""), name.capitalize())
                except forms.ValidationError as error:
                    self.add_error(name, error)
        if data.get("denominator") == 0:
            self.add_error("denominator", "The denominator is 0: a value cannot be divided by zero")
        actual = data.get("actual")
        if data.get("numerator") is not None and data.get("denominator"):
            actual = importing.calculate(data["numerator"], data["denominator"], indicator.multiplier)
        if actual is not None:
            low, high = indicator.value_range()
            info = importing.IndicatorInfo(indicator.pk, indicator.code, indicator.frequency,
                                           indicator.get_unit_display(), low, high)
            if message := importing.check_range(actual, info):
                self.add_error("actual", message)
        locked = self.value.status in (ValueStatus.VERIFIED, ValueStatus.PUBLISHED) or self.value.was_published
        if locked and not data.get("reason", "").strip():
            self.add_error("reason", "Say why a verified or published figure is changing")
        return data


class ReturnForm(forms.Form):
    reason = forms.CharField(label="What needs correcting?", widget=forms.Textarea, max_length=2000,
                             error_messages={"required": "Say what needs correcting"})


class TargetsForm(forms.Form):
    """Targets for a run of periods: a value (and the top of the range for a target range) each."""

    def __init__(self, *args, indicator, period_list, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.period_list = period_list
        ranged = indicator.polarity == R.RANGE
        for period in period_list:
            target = targets.get(period.pk)
            self.fields[f"target-{period.pk}"] = forms.CharField(
                required=False, max_length=30, label=f"{'Lowest acceptable' if ranged else 'Target'} for {period}")
            self.initial[f"target-{period.pk}"] = _plain(target.value) if target else ""
            if ranged:
                self.fields[f"upper-{period.pk}"] = forms.CharField(required=False, max_length=30,
                                                                    label=f"Highest acceptable for {period}")
                self.initial[f"upper-{period.pk}"] = _plain(target.value_upper) if target else ""

    def clean(self):
        data = super().clean()
        self.targets = []
        low, high = self.indicator.value_range()
        info = importing.IndicatorInfo(self.indicator.pk, self.indicator.code, self.indicator.frequency,
                                       self.indicator.get_unit_display(), low, high)
        for period in self.period_list:
            values = []
            for prefix in ("target", "upper"):
                name = f"{prefix}-{period.pk}"
                if name not in self.fields:
                    values.append(None)
                    continue
                try:
                    number = parse_entry_number(data.get(name, ""), "Target")
                except forms.ValidationError as error:
                    self.add_error(name, f"{period}: {error.messages[0]}")
                    number = None
                if number is not None and (message := importing.check_range(number, info)):
                    self.add_error(name, f"{period}: {message}")
                values.append(number)
            if values[1] is not None and values[0] is None:
                self.add_error(f"target-{period.pk}", f"{period}: give the lowest acceptable value too")
            elif values[1] is not None and values[1] < values[0]:
                self.add_error(f"upper-{period.pk}", f"{period}: the highest acceptable value is below the lowest")
            self.targets.append((period, values[0], values[1]))
        return data

    def bound_rows(self):
        ranged = self.indicator.polarity == R.RANGE
        return [{"period": p, "target": self[f"target-{p.pk}"], "upper": self[f"upper-{p.pk}"] if ranged else None}
                for p in self.period_list]


class ComparatorGroupForm(forms.ModelForm):
    class Meta:
        model = ComparatorGroup
        fields = ["name", "kind", "description", "minimum_sample", "is_default", "areas"]
        widgets = {"areas": forms.CheckboxSelectMultiple, "description": forms.Textarea}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = ComparatorArea.objects.order_by("kind", "name")
        self.fields["areas"].label_from_instance = lambda a: f"{a.name} ({a.ons_code})"
        self.fields["areas"].required = False


class UploadForm(forms.Form):
    file = forms.FileField(label="Upload a file", help_text="A CSV file (.csv) or an Excel workbook (.xlsx)",
                           error_messages={"required": "Choose a file to upload"})


class BenchmarkMappingForm(forms.Form):
    """Which column holds what, and which library indicator each name in the file is."""

    def __init__(self, *args, data_import, **kwargs):
        super().__init__(*args, **kwargs)
        self.data_import = data_import
        columns = [("", "Not in this file")] + [(str(i), h or f"Column {i + 1}") for i, h in
                                                 enumerate(data_import.header)]
        labels = {"area_code": "Area code (ONS)", "area_name": "Area name", "period": "Period", "value": "Value",
                  "indicator": "Indicator name (optional)"}
        for name, label in labels.items():
            self.fields[f"column_{name}"] = forms.ChoiceField(label=label, choices=columns,
                                                              required=name in importing.BENCHMARK_REQUIRED)
            guess = data_import.column_map.get(name)
            self.initial[f"column_{name}"] = "" if guess is None else str(guess)
        indicator_choices = [("", "Do not import these rows")] + [
            (str(i.pk), f"{i.code}: {i.name}") for i in Indicator.objects.order_by("framework", "code")]
        self.fields["indicator"] = forms.ChoiceField(
            label="Which indicator are these figures for?", required=False, choices=indicator_choices,
            help_text="Only when the file has no indicator column")
        if data_import.indicator_id:
            self.initial["indicator"] = str(data_import.indicator_id)
        self.names = self._names_in_file()
        for n, name in enumerate(self.names):
            self.fields[f"name_{n}"] = forms.ChoiceField(label=name, choices=indicator_choices, required=False)
            self.initial[f"name_{n}"] = data_import.indicator_map.get(name, "")
        self.fields["group"] = forms.ModelChoiceField(
            label="Add the areas in this file to a comparator group (optional)", required=False,
            queryset=ComparatorGroup.objects.all(), empty_label="Do not add them to a group")
        self.initial["group"] = data_import.group_id

    def _names_in_file(self):
        index = self.data_import.column_map.get("indicator")
        if self.is_bound:
            raw = self.data.get("column_indicator", "")
            index = int(raw) if raw.isdigit() else None
        if index is None or index == "":
            return []
        index = int(index)
        return sorted({row[index].strip() for row in self.data_import.rows if index < len(row) and row[index].strip()})

    def name_fields(self):
        return [self[f"name_{n}"] for n in range(len(self.names))]

    def clean(self):
        data = super().clean()
        chosen = {name: data.get(f"column_{name}") for name in importing.BENCHMARK_FIELDS}
        used = [v for v in chosen.values() if v not in (None, "")]
        if len(used) != len(set(used)):
            raise forms.ValidationError("Each column can hold only one thing: choose a different column for each")
        self.column_map = {name: int(v) for name, v in chosen.items() if v not in (None, "")}
        self.indicator_map = {name: data.get(f"name_{n}", "") for n, name in enumerate(self.names)}
        self.single = None
        if "indicator" not in self.column_map:
            if not data.get("indicator"):
                self.add_error("indicator", "Choose the indicator these figures are for")
            else:
                self.single = Indicator.objects.get(pk=data["indicator"])
        elif not any(self.indicator_map.values()):
            raise forms.ValidationError("Match at least one indicator name in the file to the library")
        return data


class ExportForm(forms.Form):
    service = forms.ModelChoiceField(label="Service", queryset=Service.objects.none(), required=False,
                                     empty_label="All services you can see")
    year = forms.ChoiceField(label="Financial year", required=False)
    format = forms.ChoiceField(label="Format", choices=[("csv", "CSV (.csv)"), ("xlsx", "Excel (.xlsx)")],
                               widget=forms.RadioSelect, initial="csv")

    def __init__(self, *args, services, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["year"].choices = [("", "Every year")] + [(str(y), P.fiscal_year_label(y)) for y in years]

