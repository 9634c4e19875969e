from django import template

register = template.Library()


@register.filter
def is_numeric(index, numeric):
    """Whether a table column holds figures (right-aligned): `numeric` is a list of indexes or a string of digits."""
    if isinstance(numeric, str):
        return str(index) in numeric
    return index in (numeric or ())


@register.filter
def css_string(text):
    """Text fit for a double-quoted CSS string, such as a running header."""
    return str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
