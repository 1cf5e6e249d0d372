"""Contributions without git: issue forms, their intake, listing ownership, and upkeep reminders."""
