"""Groups and businesses: the listing model and its loader."""
