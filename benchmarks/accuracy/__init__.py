"""The accuracy benchmark behind ``make eval`` (see ``benchmarks/eval.py``)."""
