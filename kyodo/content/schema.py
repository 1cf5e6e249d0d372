"""The JSON Schemas: loading, reference resolution, field labels and vocabularies."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from kyodo.content.formats import FORMAT_PROBLEMS

if TYPE_CHECKING:
    from referencing._core import Resolver

SCHEMA_DIR = Path(__file__).parent / "schemas"
Schema = dict[str, Any]


def schema_file(name: str) -> Path:
    """The file that declares a schema, e.g. `group` → schemas/group.schema.json."""
    return SCHEMA_DIR / f"{name}.schema.json"


@functools.cache
def load_schema(name: str) -> Schema:
    """The parsed schema called `name`."""
    schema: Schema = json.loads(schema_file(name).read_text(encoding="utf-8"))
    return schema


@functools.cache
def registry(validating: bool = False) -> Registry[Any]:
    """Every schema, addressed by its file name as the `$ref`s in the files write it."""
    convert = _as_enums if validating else (lambda node: node)
    resources = [
        (
            path.name,
            Resource.from_contents(convert(load_schema(path.name[: -len(".schema.json")])), DRAFT7),
        )
        for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
    ]
    return Registry().with_resources(resources)


def _as_enums(node: Any) -> Any:
    """A copy of a schema in which each vocabulary (a `oneOf` of constants) is a plain `enum`.

    The declared form gives every value a title for editors and pages; validating it makes
    jsonschema try each branch in turn, which is many times slower than an enum.
    """
    if isinstance(node, list):
        return [_as_enums(item) for item in node]
    if not isinstance(node, dict):
        return node
    terms = vocabulary_of(node)
    converted = {
        key: _as_enums(value) for key, value in node.items() if not (terms and key == "oneOf")
    }
    return {**converted, "enum": terms.values} if terms else converted


def format_checker() -> FormatChecker:
    """Formats checked with the same rules that write the error messages."""
    checker = FormatChecker(formats=())
    for name, problem in FORMAT_PROBLEMS.items():
        checker.checks(name)(functools.partial(_passes, problem))
    return checker


def _passes(problem: Any, value: object) -> bool:
    return not isinstance(value, str | int) or problem(value) is None


@functools.cache
def validator(name: str) -> Draft7Validator:
    """A validator for the schema `name`, with references and formats wired in."""
    return Draft7Validator(
        _as_enums(load_schema(name)),
        registry=registry(validating=True),
        format_checker=format_checker(),
    )


@functools.cache
def _quick_validator(name: str) -> jsonschema_rs.Draft7Validator:
    schemas = [
        path.name[: -len(".schema.json")] for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
    ]
    registry = jsonschema_rs.Registry(
        [(schema_file(other).name, _as_enums(load_schema(other))) for other in schemas]
    )
    formats: dict[str, Callable[..., bool]] = {
        name: functools.partial(_passes, problem) for name, problem in FORMAT_PROBLEMS.items()
    }
    return jsonschema_rs.Draft7Validator(
        _as_enums(load_schema(name)), formats=formats, validate_formats=True, registry=registry
    )


@functools.cache
def _integer_formats(name: str) -> tuple[tuple[str, str], ...]:
    """Top-level integer fields with a format: jsonschema-rs checks formats on text only."""
    return tuple(
        (key, str(node["format"]))
        for key, node in properties(name).items()
        if node.get("type") == "integer" and "format" in node
    )


def quickly_valid(name: str, data: object) -> bool:
    """Whether data plainly satisfies the schema, decided fast (jsonschema-rs). A False sends
    the file to the full validation, which alone explains problems."""
    if not _quick_validator(name).is_valid(data):
        return False
    values = data if isinstance(data, dict) else {}
    return all(
        FORMAT_PROBLEMS[fmt](values[key]) is None
        for key, fmt in _integer_formats(name)
        if isinstance(values.get(key), int)
    )


def resolve(node: Schema, resolver: Resolver[Any]) -> tuple[Schema, Resolver[Any]]:
    """Follow `$ref`; annotations written beside a `$ref` win over the referenced ones."""
    if "$ref" not in node:
        return node, resolver
    resolved = resolver.lookup(node["$ref"])
    target, target_resolver = resolve(resolved.contents, resolved.resolver)
    return {**target, **{k: v for k, v in node.items() if k != "$ref"}}, target_resolver


def subschema(name: str, path: tuple[str | int, ...]) -> Schema | None:
    """The schema that applies at a data path, or None when the path is not declared."""
    # Every item of a list has the same schema, so list indexes are irrelevant to the answer.
    return _subschema(name, tuple(0 if isinstance(step, int) else step for step in path))


@functools.cache
def _subschema(name: str, path: tuple[str | int, ...]) -> Schema | None:
    resolver = registry().resolver(base_uri=schema_file(name).name)
    node, resolver = resolve(load_schema(name), resolver)
    for step in path:
        child = node.get("items") if isinstance(step, int) else node.get("properties", {}).get(step)
        if child is None:
            return None
        node, resolver = resolve(child, resolver)
    return node


def properties(name: str, path: tuple[str | int, ...] = ()) -> dict[str, Schema]:
    """The declared properties at a path, each resolved, in declared order."""
    node = subschema(name, path) or {}
    return {key: subschema(name, (*path, key)) or {} for key in node.get("properties", {})}


@dataclass(frozen=True)
class Term:
    """One allowed value of a vocabulary, with its label, its longer description (if the
    schema gives one) and annotations."""

    value: str
    label: str
    annotations: dict[str, Any]
    description: str = ""

    @property
    def slug(self) -> str:
        """The ASCII name used in page addresses."""
        return str(self.annotations.get("x-slug", self.value))


@dataclass(frozen=True)
class Vocabulary:
    """The closed list of values a field accepts, in declared order."""

    terms: tuple[Term, ...]

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __getitem__(self, value: str) -> Term:
        return next(term for term in self.terms if term.value == value)

    @property
    def values(self) -> list[str]:
        """The allowed values."""
        return [term.value for term in self.terms]


def vocabulary_of(node: Schema) -> Vocabulary | None:
    """The vocabulary a schema node declares as `oneOf` constants, if it declares one."""
    choices = node.get("oneOf", [])
    if not choices or not all("const" in choice for choice in choices):
        return None
    return Vocabulary(
        tuple(
            Term(
                choice["const"],
                choice.get("title", choice["const"]),
                {k: v for k, v in choice.items() if k.startswith("x-")},
                choice.get("description", ""),
            )
            for choice in choices
        )
    )


def vocabulary(name: str, path: tuple[str | int, ...]) -> Vocabulary:
    """The vocabulary declared at a data path of a schema, e.g. ("wards", 0)."""
    node = subschema(name, path)
    found = vocabulary_of(node) if node else None
    if found is None:
        raise KeyError(f"{name}: no vocabulary at {path}")
    return found
