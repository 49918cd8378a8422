"""``python -m govreview …`` runs the ``govreview`` command (where the environment's scripts are not on PATH)."""

from .cli import main

main()
