"""Serve plotly.js from the pinned plotly package, as `vendor/plotly.min.js`.

The file ships inside the Python package, so there is nothing to copy or keep
in step with the pin, and no page depends on a CDN. collectstatic picks it up
like any other static file.
"""

from importlib.util import find_spec
from pathlib import Path

from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage

PLOTLY_PATH = "vendor/plotly.min.js"


def _package_data():
    spec = find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "package_data"


class PlotlyFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        self.location = _package_data()
        super().__init__(*args, **kwargs)

    def check(self, **kwargs):
        if self.location is None or not (self.location / "plotly.min.js").exists():
            return [Error("plotly.min.js was not found in the plotly package", hint="Install the plotly package",
                          id="indicators.E001")]
        return []

    def find(self, path, find_all=False, **kwargs):
        if path != PLOTLY_PATH or self.location is None:
            return [] if find_all else None
        found = str(self.location / "plotly.min.js")
        return [found] if find_all else found

    def list(self, ignore_patterns):
        if self.location is None:
            return
        storage = FileSystemStorage(location=self.location)
        storage.prefix = "vendor"
        yield "plotly.min.js", storage


def plotly_css():
    """Plotly's own stylesheet, read from the rules plotly.min.js would inject at run time.

    The portal's content security policy forbids injected styles, so the rules
    are served as a static file instead (indicators/static/indicators/plotly.css,
    made by `python -m indicators.staticfiles > indicators/static/indicators/plotly.css`);
    a test checks it still matches the pinned plotly.
    """
    import re

    source = (_package_data() / "plotly.min.js").read_text(encoding="utf-8")
    start = source.index('{"X,X div":')
    end = source.index("};for(", start)
    # Keys and values are quoted either way; a bare key (Y) appears once.
    pattern = r'"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'|(?<=[{,])([A-Za-z_]\w*)(?=:)'
    tokens = [a or b or c for a, b, c in re.findall(pattern, source[start:end + 1])]
    lines = ["/* Plotly's stylesheet, served as a file because the site's CSP forbids injected styles. */"]
    for selector, body in zip(tokens[::2], tokens[1::2], strict=True):
        selector = re.sub(r"^,", " ,", selector).replace("X", ".js-plotly-plot .plotly").replace(
            "Y", ".plotly-notifier")
        lines.append(f"{selector} {{{body}}}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(plotly_css(), end="")
