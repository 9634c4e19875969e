"""Plotly is served from our own static files, styled without injected styles."""

from pathlib import Path

from django.contrib.staticfiles import finders

from indicators.staticfiles import PLOTLY_PATH, plotly_css


def test_it_serves_plotly_from_the_installed_package_not_a_cdn():
    found = finders.find(PLOTLY_PATH)
    assert found
    assert found.endswith("plotly/package_data/plotly.min.js")
    assert Path(found).read_text(encoding="utf-8")[:200].count("plotly.js v") == 1


def test_it_keeps_the_plotly_stylesheet_in_step_with_the_pinned_plotly():
    """Regenerate with `python -m indicators.staticfiles > indicators/static/indicators/plotly.css`."""
    shipped = Path(finders.find("indicators/plotly.css")).read_text(encoding="utf-8")
    assert shipped == plotly_css()
    assert ".js-plotly-plot .plotly .main-svg {position:absolute;" in shipped
