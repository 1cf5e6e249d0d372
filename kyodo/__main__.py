"""Allow `python -m kyodo`."""

from __future__ import annotations

from kyodo.cli import main

raise SystemExit(main())
