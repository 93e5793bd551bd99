"""Document parameters as a handler receives them, including the strings AWS Config passes as static values.

Shared by several documents: imported as `from lib.<module> import <name>`, inlined by the build.
"""


def flag(value):
    # A Boolean parameter arrives as a boolean, or as the string AWS Config passes as a static value.
    return value is True or str(value).strip().lower() == 'true'


def name_list(value):
    """Unique non-empty names, sorted, from a StringList or a comma-separated string."""
    names = value or []
    if isinstance(names, str):
        names = [n.strip() for n in names.split(',')]
    return sorted({n for n in names if n})
