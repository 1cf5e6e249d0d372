"""協働の手引き: the logic behind the guidebook, directory and case-study site."""

from __future__ import annotations

__version__ = "0.1.0"
