from tests.complaints.conftest import regimes  # noqa: F401 (the complaint regimes fixture)
