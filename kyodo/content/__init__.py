"""Reading content files: YAML with positions, the schemas, validation, vocabularies, problems.

The lowest layer: it knows nothing of pages or generators."""
