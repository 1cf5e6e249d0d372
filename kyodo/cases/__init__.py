"""Case studies: structured front matter and a narrative, linked to the directory and guide."""
