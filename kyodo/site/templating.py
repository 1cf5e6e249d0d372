"""The Jinja2 environment for the package's templates, and the filters they share."""

from __future__ import annotations

import functools

import jinja2

from kyodo.content.yamlfile import yaml_value
from kyodo.domain.directory.model import REVIEW_AFTER_MONTHS, STALE_AFTER_MONTHS
from kyodo.site.urls import (
    BUSINESS_HOME,
    BUSINESSES_INDEX,
    CASES_HOME,
    CONTRIBUTING,
    GROUPS_INDEX,
    HOME,
    PARTNERS_HOME,
    case_uri,
    case_view_uri,
    field_uri,
    href,
    listing_uri,
    offer_uri,
    ward_uri,
)

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


def render(template: str, uri: str, **values: object) -> str:
    """Render a page template for the page at `uri`: `link(target)` gives a link relative to
    it, and the addresses of every kind of page are at hand."""
    return (
        environment()
        .get_template(template)
        .render(
            link=lambda target: href(uri, target),
            listing_uri=listing_uri,
            ward_uri=ward_uri,
            field_uri=field_uri,
            offer_uri=offer_uri,
            case_uri=case_uri,
            view_uri=case_view_uri,
            home=HOME,
            partners_home=PARTNERS_HOME,
            business_home=BUSINESS_HOME,
            groups_index=GROUPS_INDEX,
            businesses_index=BUSINESSES_INDEX,
            cases_home=CASES_HOME,
            contributing=CONTRIBUTING,
            review_months=REVIEW_AFTER_MONTHS,
            stale_months=STALE_AFTER_MONTHS,
            **values,
        )
    )
