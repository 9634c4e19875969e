"""Signals the indicators app sends.

`figures_written` goes out when figures, ratings or benchmarks were written in bulk (`bulk_create`,
`bulk_update`, COPY), which send no model signals: whoever caches what figures show listens to it. It says
which indicators' figures were written (`indicator_ids`), so that indicators.row_cache retires only theirs.
`published_figures_written` goes out too when a published figure was among them: the public pages,
which show nothing else, listen only to that (data officers save drafts all through a return window).
"""

from django.dispatch import Signal

figures_written = Signal()
published_figures_written = Signal()
