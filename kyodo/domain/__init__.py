"""The directory and the case studies as models, loaded and checked from their files."""
