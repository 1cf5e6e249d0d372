"""Case studies: the case model and its loader."""
