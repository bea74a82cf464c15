"""``python -m adhd_corpus`` runs the command-line interface."""

from .cli import run

run()
