"""Open data: the directory as downloadable files and their description."""
