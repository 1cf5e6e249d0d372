"""The schemas, the templates a newcomer copies, and the field reference stay in step."""

from __future__ import annotations

import json

import pytest

from kyodo.content import yamlfile
from kyodo.content.schema import load_schema, subschema, vocabulary
from kyodo.content.validation import prepare, schema_problems
from kyodo.domain.directory.load import KINDS, TEMPLATE_NAME
from kyodo.site.fieldref import field_docs, render_reference, source_templates
from tests.conftest import ROOT


def declared_paths(name: str, node: dict[str, object], path: tuple[str, ...] = ()) -> list[str]:
    found = []
    for key in node.get("properties", {}):  # type: ignore[attr-defined]
        child = subschema(name, (*path, key)) or {}
        found.append(".".join((*path, key)))
        found += declared_paths(name, child, (*path, key))
    return found


@pytest.mark.parametrize("schema", sorted(KINDS.values()))
def test_every_field_has_a_japanese_description_and_an_example(schema: str) -> None:
    docs = field_docs(schema)
    assert [doc.dotted for doc in docs] == declared_paths(schema, load_schema(schema))
    for doc in docs:
        assert doc.label and doc.description, doc.dotted
        assert doc.example is not None, doc.dotted
        assert any("\u3040" <= c <= "\u9fff" for c in doc.description), doc.dotted


def test_committed_templates_are_regenerated_from_the_schemas() -> None:
    """After a schema change, run `make generate` and commit the templates."""
    for path, text in source_templates(ROOT).items():
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run `make generate`"


@pytest.mark.parametrize(("folder", "schema"), sorted(KINDS.items()))
def test_template_names_every_field_and_is_a_valid_listing(folder: str, schema: str) -> None:
    path = ROOT / "directory" / folder / TEMPLATE_NAME
    text = path.read_text(encoding="utf-8")
    document, problems = yamlfile.read(text.encode(), path.name)
    assert document is not None and problems == []
    assert (
        schema_problems(prepare(document.data, schema, document), schema, document, path.name) == []
    )
    for doc in field_docs(schema):
        assert f"# {doc.label}" in text, doc.dotted
        assert f"{'  ' * doc.depth}{doc.key}:" in text, doc.dotted


@pytest.mark.parametrize(
    "path", [*(f"directory/{f}/{TEMPLATE_NAME}" for f in KINDS), "case_studies/_template.md"]
)
def test_templates_hold_only_what_a_newcomer_writes(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    assert "$schema" not in text
    assert "make generate" not in text
    assert "直接は編集しないでください" not in text


def test_editors_map_every_listing_folder_to_its_schema() -> None:
    """Listing files need no `$schema` line: the workspace settings give editors the schema."""
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping == {
        f"./kyodo/content/schemas/{schema}.schema.json": f"directory/{folder}/*.yml"
        for folder, schema in KINDS.items()
    }
    for schema_path in mapping:
        assert (ROOT / schema_path).is_file()


@pytest.mark.parametrize("schema", sorted(KINDS.values()))
def test_reference_lists_every_field_and_allowed_value(schema: str) -> None:
    page = render_reference(schema, "directory/x/_template.yml", "id: x\n")
    for doc in field_docs(schema):
        assert f"| `{doc.dotted}` | {doc.label} |" in page
        for term in doc.allowed:
            assert f"- `{term.value}`" in page


def test_case_template_is_a_valid_case() -> None:
    from kyodo.content.validation import read_document
    from kyodo.domain.cases.load import split_front_matter

    text = (ROOT / "case_studies/_template.md").read_text(encoding="utf-8")
    parts = split_front_matter(text)
    assert parts is not None
    case, problems = read_document(parts[0], "_template.md", "case", "", "")
    assert case is not None and problems == []
    for doc in field_docs("case"):
        assert f"{'  ' * doc.depth}{doc.key}:" in parts[0], doc.dotted


def test_every_kind_of_group_is_described_with_an_example() -> None:
    for term in vocabulary("group", ("kind",)):
        assert any("\u3040" <= c <= "\u9fff" for c in term.description), term.value
        assert "例: " in term.description, term.value
        assert term.slug.isascii() and term.slug != term.value, term.value
