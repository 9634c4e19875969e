from tests.complaints.conftest import regimes  # noqa: F401 (the complaint regimes fixture)
from tests.indicators.conftest import ind  # noqa: F401 (indicators with a data officer)
