"""Japanese full-text search on Pagefind: every page containing the query, ranked by title."""
