"""The Jinja2 environment for the package's templates, and the filters they share."""

from __future__ import annotations

import functools

import jinja2

from kyodo.content.yamlfile import yaml_value

# Templates that write source files for editors (YAML, a case file) are not HTML; every
# other template ends up in a page and escapes what it is given.
_SOURCE_TEMPLATES = (".yml.j2", "case_template.md.j2")


def _escapes(name: str | None) -> bool:
    return not (name or "").endswith(_SOURCE_TEMPLATES)


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment for the package's templates folder."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kyodo.site", "templates"),
        autoescape=_escapes,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["yaml_value"] = yaml_value
    return env
