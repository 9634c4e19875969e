"""Bulk loading with PostgreSQL COPY, ids assigned up front so rows can refer to each other.

The scale generator writes millions of rows; the ORM's bulk_create would take
most of the time budget. COPY takes the rows as they are; every column the
caller leaves out gets the field's default (or now() for auto_now fields), so
rows stay valid for the models.
"""

from collections import Counter

from django.db import connection, models
from django.utils import timezone
from psycopg.types.json import Jsonb


class Loader:
    def __init__(self):
        self.next_id = {}
        self.written = Counter()
        self.now = timezone.now()

    def ids(self, model, count):
        """`count` new primary keys for a model, continuing after what is already there."""
        if model not in self.next_id:
            with connection.cursor() as cursor:
                cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{model._meta.db_table}"')  # noqa: S608
                self.next_id[model] = cursor.fetchone()[0] + 1
        first = self.next_id[model]
        self.next_id[model] = first + count
        return range(first, first + count)

    def _default(self, field):
        if field.has_default():
            value = field.get_default()
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = self.now
        elif field.null:
            value = None
        elif isinstance(field, models.CharField | models.TextField):
            value = ""
        else:
            raise ValueError(f"{field.model.__name__}.{field.name} needs a value")
        if isinstance(field, models.JSONField):
            value = Jsonb(value)
        return value

    def copy(self, model, columns, rows):
        """COPY rows (tuples in the order of `columns`, attnames) into the model's table."""
        fields = {f.attname: f for f in model._meta.concrete_fields}
        extra = [f for name, f in fields.items() if name not in set(columns) and not f.primary_key]
        defaults = tuple(self._default(f) for f in extra)
        json_at = [i for i, name in enumerate(columns) if isinstance(fields[name], models.JSONField)]
        names = ", ".join(f'"{f.column}"' for f in [fields[name] for name in columns] + extra)
        count = 0
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f'COPY "{model._meta.db_table}" ({names}) FROM STDIN') as pipe:
                for row in rows:
                    if json_at:
                        row = list(row)
                        for i in json_at:
                            row[i] = Jsonb(row[i])
                    pipe.write_row((*row, *defaults))
                    count += 1
        self.written[model._meta.label] += count
        return count

    def reset_sequences(self):
        with connection.cursor() as cursor:
            for model in self.next_id:
                table = model._meta.db_table
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "  # noqa: S608
                               f'(SELECT COALESCE(MAX(id), 1) FROM "{table}"))')
