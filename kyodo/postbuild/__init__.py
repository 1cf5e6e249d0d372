"""Passes over rendered HTML: glossary links, printable checklists, page rules, offline guard."""
