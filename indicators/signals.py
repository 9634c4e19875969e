"""Signals the indicators app sends.

`figures_written` goes out when figures, ratings or benchmarks were written in bulk (`bulk_create`,
`bulk_update`, COPY), which send no model signals: whoever caches what figures show listens to it.
"""

from django.dispatch import Signal

figures_written = Signal()
