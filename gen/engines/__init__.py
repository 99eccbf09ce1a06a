"""Engine glue: the only code that knows MkDocs (and ProperDocs, which shares its internals) or Zensical.

Everything else in gen/ produces the same files for any engine (``python -m gen write``).
"""
