"""``python -m assistant`` runs the command line."""

from __future__ import annotations

from assistant.cli import main

raise SystemExit(main())
