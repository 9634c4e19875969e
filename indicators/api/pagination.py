"""Paging through a history that grows without bound, at the same cost on every page (docs/decisions/0013)."""

from django.db.models import F
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from rest_framework.exceptions import NotFound
from rest_framework.pagination import Cursor, CursorPagination


class KeysetPagination(CursorPagination):
    """Cursor pagination whose position is a whole, unique, indexed key, compared as a row value.

    DRF's CursorPagination keeps only the first ordering field in the cursor and skips ties with an OFFSET,
    so over (indicator, period) it would skip up to one indicator's whole history, and it stops at 1,000.
    Here the cursor holds every field of `ordering` (integer columns that together are unique, with an
    index in that order): each page is then `WHERE (a, b) > (x, y) ORDER BY a, b LIMIT n`, an index range
    scan of n rows whatever the page and the history. There is no count and no page number, and
    `?ordering=` is not offered: the order is the index's.
    """

    ordering = ("id",)
    separator = "."

    def get_ordering(self, request, queryset, view):
        return self.ordering

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.cursor = self.decode_cursor(request)
        position = self._key(self.cursor.position) if self.cursor and self.cursor.position else None
        backwards = bool(self.cursor and self.cursor.reverse)

        fields = [F(name) for name in self.ordering]
        if backwards:
            queryset = queryset.order_by(*(f"-{name}" for name in self.ordering))
        else:
            queryset = queryset.order_by(*self.ordering)
        if position is not None:
            after = TupleLessThan if backwards else TupleGreaterThan
            queryset = queryset.filter(after(Tuple(*fields), position))

        rows = list(queryset[:self.page_size + 1])
        self.page = rows[:self.page_size]
        beyond = len(rows) > self.page_size  # more rows in the direction of travel
        if backwards:
            self.page.reverse()
            self.has_next, self.has_previous = position is not None, beyond
        else:
            self.has_next, self.has_previous = beyond, position is not None
        self.position = position
        self.display_page_controls = self.has_next or self.has_previous
        return self.page

    def get_next_link(self):
        if not self.has_next:
            return None
        # An empty page (its rows deleted since) goes on from where its cursor pointed.
        key = self._position_of(self.page[-1]) if self.page else self.position
        return self.encode_cursor(Cursor(offset=0, reverse=False, position=self._text(key)))

    def get_previous_link(self):
        if not self.has_previous:
            return None
        key = self._position_of(self.page[0]) if self.page else self.position
        return self.encode_cursor(Cursor(offset=0, reverse=True, position=self._text(key)))

    def _position_of(self, instance):
        return tuple(getattr(instance, name) for name in self.ordering)

    def _text(self, key):
        return self.separator.join(str(part) for part in key)

    def _key(self, text):
        parts = text.split(self.separator)
        if len(parts) != len(self.ordering):
            raise NotFound(self.invalid_cursor_message)
        try:
            return tuple(int(part) for part in parts)
        except ValueError:
            raise NotFound(self.invalid_cursor_message) from None


class IndicatorValuePagination(KeysetPagination):
    """Values grouped by indicator, then by period: the unique (indicator, period) index serves the order."""

    ordering = ("indicator_id", "period_id")
