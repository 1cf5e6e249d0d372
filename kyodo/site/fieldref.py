"""Documentation derived from a schema: the commented template and the field reference."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kyodo.content import schema as schemas
from kyodo.content.schema import Term
from kyodo.domain.cases.load import TEMPLATE_NAME as CASE_TEMPLATE
from kyodo.domain.directory.load import KINDS, TEMPLATE_NAME
from kyodo.site.templating import environment

_TYPE_NAMES = {"string": "文字", "integer": "整数", "array": "リスト", "object": "項目の組"}


@dataclass(frozen=True)
class FieldDoc:
    """One declared field, described for people who fill it in."""

    path: tuple[str, ...]
    label: str
    description: str
    required: bool
    type_name: str
    limits: str
    allowed: tuple[Term, ...]
    example: Any

    @property
    def key(self) -> str:
        """The key as written in the file."""
        return self.path[-1]

    @property
    def dotted(self) -> str:
        """The key with its parents, e.g. `contact.email`."""
        return ".".join(self.path)

    @property
    def depth(self) -> int:
        """How deep the field is nested (0 at the top)."""
        return len(self.path) - 1

    @property
    def is_object(self) -> bool:
        """Whether the field holds further fields."""
        return self.type_name == _TYPE_NAMES["object"]


def _limits(node: dict[str, Any]) -> str:
    parts = []
    if "maxLength" in node:
        parts.append(f"{node['maxLength']}文字まで")
    if "maxItems" in node:
        parts.append(f"{node.get('minItems', 0)}〜{node['maxItems']}個")
    elif "minItems" in node:
        parts.append(f"{node['minItems']}個以上")
    if "minimum" in node:
        parts.append(f"{node['minimum']}以上")
    return "、".join(parts)


def _doc(name: str, path: tuple[str, ...], required: bool) -> FieldDoc:
    node = schemas.subschema(name, path) or {}
    items = schemas.subschema(name, (*path, 0)) if node.get("type") == "array" else None
    vocabulary = schemas.vocabulary_of(items or node)
    return FieldDoc(
        path=path,
        label=str(node.get("title", path[-1])),
        description=str(node.get("description", "")),
        required=required,
        type_name=_TYPE_NAMES.get(str(node.get("type")), "選択"),
        limits=_limits(node),
        allowed=vocabulary.terms if vocabulary else (),
        example=(node.get("examples") or [None])[0],
    )


def field_docs(name: str, path: tuple[str, ...] = ()) -> list[FieldDoc]:
    """Every field of a schema in declared order, nested fields after their parent."""
    node = schemas.subschema(name, path) or {}
    docs = []
    for key in node.get("properties", {}):
        doc = _doc(name, (*path, key), key in node.get("required", []))
        docs.append(doc)
        if doc.is_object:
            docs.extend(field_docs(name, doc.path))
    return docs


def render_template_file(name: str, folder: str) -> str:
    """The commented YAML template that a newcomer copies to start a listing."""
    return (
        environment()
        .get_template("listing_template.yml.j2")
        .render(
            schema=schemas.load_schema(name),
            folder=folder,
            fields=field_docs(name),
        )
    )


def render_case_template() -> str:
    """The commented case file (front matter and narrative headings) that a newcomer copies."""
    return (
        environment()
        .get_template("case_template.md.j2")
        .render(schema=schemas.load_schema("case"), fields=field_docs("case"))
    )


def render_reference(name: str, template_path: str, template_text: str) -> str:
    """The Markdown field reference for contributors, ending with the template to copy."""
    template = environment().get_template("field_reference.md.j2")
    return template.render(
        schema=schemas.load_schema(name),
        template_path=template_path,
        template_text=template_text,
        fields=field_docs(name),
    )


def source_templates(root: Path) -> dict[Path, str]:
    """Files derived from the schemas and committed, by path: the templates newcomers copy."""
    templates = {
        root / "directory" / folder / TEMPLATE_NAME: render_template_file(schema, folder)
        for folder, schema in KINDS.items()
    }
    return {**templates, root / "case_studies" / CASE_TEMPLATE: render_case_template()}
