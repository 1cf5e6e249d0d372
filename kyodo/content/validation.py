"""Validate a located YAML document against a schema, with messages in plain Japanese."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from jsonschema import ValidationError

from kyodo.content import schema as schemas
from kyodo.content import yamlfile
from kyodo.content.formats import FORMAT_PROBLEMS, normalise_email, normalise_phone
from kyodo.content.problems import Problem
from kyodo.content.yamlfile import Path_, YamlDocument, yaml_value

_TYPE_NAMES = {
    "string": "文字",
    "integer": "半角数字の整数",
    "number": "半角数字",
    "array": "リスト（[A, B] の形か、各行を「- 」で始める形）",
    "object": "「項目名: 値」の組",
    "boolean": "true か false",
}
_DECIMAL = re.compile(r"[0-9]+")
_NORMALISERS = {"phone": normalise_phone, "email": normalise_email}


def prepare(data: Any, name: str, document: YamlDocument, path: Path_ = ()) -> Any:
    """Read values the way an editor meant them, guided by the schema.

    Unquoted YAML like 022012345 or 2026-04-01 is kept as the text that was typed where the
    schema wants text, a single value is accepted where a list is wanted, the Japanese label
    of a vocabulary term stands for its code, and phone numbers and addresses typed in
    full-width characters are normalised. Paths stay the same, so positions stay valid.
    """
    node = schemas.subschema(name, path)
    if node is None:
        return data
    if isinstance(data, dict):
        return {key: prepare(value, name, document, (*path, key)) for key, value in data.items()}
    if node.get("type") == "array" and isinstance(data, str | int):
        data = [data]
        document.values[(*path, 0)] = document.position(path)
    if isinstance(data, list):
        return [prepare(item, name, document, (*path, i)) for i, item in enumerate(data)]
    raw = document.raw.get(path)
    if raw is not None and data is not None and _keeps_typed_text(node, data, raw):
        data = raw
    if isinstance(data, str):
        data = codes_by_label(name, _vocabulary_path(path)).get(data.strip(), data)
    normalise = _NORMALISERS.get(node.get("format", ""))
    return normalise(data) if normalise and isinstance(data, str) else data


def _keeps_typed_text(node: dict[str, Any], data: Any, raw: str) -> bool:
    """Whether a value is better judged as the text typed: text fields keep 022… and dates as
    written, and an integer field keeps 0x7B8, 1.0e+3 or yes, so that it is refused as typed."""
    if node.get("type") == "string":
        return not isinstance(data, str)
    return node.get("type") == "integer" and not _DECIMAL.fullmatch(raw)


def _vocabulary_path(path: Path_) -> Path_:
    return tuple(0 if isinstance(step, int) else step for step in path)


@functools.cache
def codes_by_label(name: str, path: Path_) -> dict[str, str]:
    """The codes of the vocabulary at a data path, by Japanese name ({} for free text).

    A coded term is named by its label and, where the schema describes it, by that formal
    name too: an activity field by its short label (子どもの健全育成) or the law's wording
    (子どもの健全育成を図る活動)."""
    node = schemas.subschema(name, path)
    terms = [t for t in (schemas.vocabulary_of(node) if node else None) or () if t.label != t.value]
    return {word: t.value for t in terms for word in (t.description, t.label) if word}


def field_name(name: str, path: Path_) -> str:
    """A field as an editor recognises it: its Japanese label, then its key, e.g. `区 (wards)`."""
    keys = [step for step in path if isinstance(step, str)]
    # Keys that are data rather than declared fields (a side's name in ratings) get no label.
    declared = [
        step
        for i, step in enumerate(path)
        if isinstance(step, str) and schemas.subschema(name, path[: i + 1])
    ]
    labels = [
        str((schemas.subschema(name, path[: i + 1]) or {}).get("title", step))
        for i, step in enumerate(path)
        if step in declared
    ]
    return f"{'の'.join(labels)} ({'.'.join(keys)})"


def _example(node: dict[str, Any], key: str, template: str) -> str:
    """How to write a field: its example, or for a group of fields, where to copy it from (the
    template's file name, e.g. ひな形（_template.md）, or another file's for forms)."""
    examples = node.get("examples") or []
    if not examples:
        return ""
    value = examples[0]
    if not isinstance(value, dict):
        return f"例: {key}: {yaml_value(value)}"
    if not template:
        return ""
    source = f"ひな形（{PurePosixPath(template).name}）" if "/" in template else template
    return f"{source}の {key}: の部分をコピーして書き換えてください。"


def _shown(value: Any) -> str:
    if value is None:
        return "空"
    if isinstance(value, list):
        return "リスト"
    if isinstance(value, dict):
        return "「項目名: 値」の組"
    return f"「{value}」"


def suggestion(word: str, choices: Mapping[str, str] | Sequence[str]) -> str | None:
    """The allowed value closest to what was typed; a mapping offers several spellings of
    each value (its code and its label) and gives what to show for each."""
    shown = choices if isinstance(choices, Mapping) else {c: c for c in choices}
    for candidate in difflib.get_close_matches(word, list(shown), n=1, cutoff=0.5):
        return shown[candidate]
    for label in shown.values():
        if word and (word in label or label in word):
            return label
    return None


def _vocabulary_message(name: str, field: str, error: ValidationError) -> str:
    vocabulary = schemas.vocabulary(name, tuple(error.absolute_path))
    coded = any(term.value != term.label for term in vocabulary)
    allowed = [f"{t.value}（{t.label}）" if coded else t.value for t in vocabulary]
    choices = {t.value: allowed[i] for i, t in enumerate(vocabulary)} | {
        t.label: allowed[i] for i, t in enumerate(vocabulary)
    }
    guess = suggestion(str(error.instance), choices)
    hint = f"もしかして: {guess}。" if guess else ""
    return f"{field} に{_shown(error.instance)}は使えません。{hint}次のいずれかを書いてください: {', '.join(allowed)}"


def _unknown_key_message(name: str, path: Path_, key: str) -> str:
    declared = schemas.properties(name, path)
    choices = {k: k for k in declared} | {str(s.get("title", k)): k for k, s in declared.items()}
    guess = suggestion(key, choices)
    where = f"{field_name(name, path)} の中に" if path else ""
    if guess:
        label = declared[guess].get("title", guess)
        return f"{where}項目名「{key}」は使えません。もしかして: {guess}（{label}）。項目名を直してください。"
    return f"{where}項目名「{key}」は使えません。使える項目名: {', '.join(declared)}"


def _message(name: str, error: ValidationError, template: str) -> str:
    path: Path_ = tuple(error.absolute_path)
    field = field_name(name, path)
    node = error.schema if isinstance(error.schema, dict) else {}
    key = next((step for step in reversed(path) if isinstance(step, str)), "")
    instance: Any = error.instance
    match error.validator:
        case "oneOf" | "enum" | "const":
            return _vocabulary_message(name, field, error)
        case "type" if instance is None:
            return f"{field} に値が書かれていません。値を書くか、使わない項目なら行ごと消してください。"
        case "type":
            wanted = _TYPE_NAMES.get(str(error.validator_value), str(error.validator_value))
            return f"{field} は{wanted}で書いてください（いまは{_shown(instance)}です）。{_example(node, key, template)}"
        case "minLength":
            return f"{field} が空です。値を書くか、使わない項目なら行ごと消してください。"
        case "maxLength":
            limit = error.validator_value
            return f"{field} が長すぎます（{len(instance)}文字）。{limit}文字以内に縮めてください。"
        case "minItems":
            return f"{field} を{error.validator_value}つ以上書いてください。"
        case "maxItems":
            return f"{field} は{error.validator_value}つまでです（いまは{len(instance)}つあります）。主なものを選んでください。"
        case "uniqueItems":
            return f"{field} に同じ値が2回以上書かれています。1回だけにしてください。"
        case "minimum":
            return f"{field} の{_shown(instance)}は小さすぎます。{error.validator_value}以上の数を書いてください。"
        case "maximum":
            return f"{field} の{_shown(instance)}は大きすぎます。{error.validator_value}以下の数を書いてください。"
        case "pattern":
            return f"{field} の{_shown(instance)}は使えません。{node.get('errorMessage', '')}{_example(node, key, template)}"
        case "format":
            return f"{field} の{FORMAT_PROBLEMS[str(error.validator_value)](instance)}"
        case "minProperties":
            return f"{field} が空です。「項目名: 値」を{error.validator_value}つ以上書いてください。{_example(node, key, template)}"
    return f"{field} の{_shown(instance)}は正しくありません（{error.message}）。"


def _missing_problems(
    name: str, path: Path_, error: ValidationError, document: YamlDocument, file: str, template: str
) -> list[Problem]:
    where = document.position(path)
    instance: Any = error.instance
    required: Any = error.validator_value
    problems = []
    for missing in [key for key in required if key not in instance]:
        node = schemas.subschema(name, (*path, missing)) or {}
        message = f"必須の項目 {field_name(name, (*path, missing))} がありません。{_example(node, missing, template)}"
        problems.append(Problem(file, where.line, where.column, message.rstrip()))
    return problems


def _unknown_problems(
    name: str, path: Path_, error: ValidationError, document: YamlDocument, file: str
) -> list[Problem]:
    declared = schemas.properties(name, path)
    instance: Any = error.instance
    problems = []
    for unknown in [key for key in instance if key not in declared]:
        where = document.position((*path, unknown), key=True)
        problems.append(
            Problem(file, where.line, where.column, _unknown_key_message(name, path, unknown))
        )
    return problems


def schema_problems(
    data: Any, name: str, document: YamlDocument, file: str, template: str = ""
) -> list[Problem]:
    """Every schema violation in the data, located and explained; `template` is the file an
    editor copies groups of fields from ("" when there is none to point at)."""
    problems: list[Problem] = []
    # Both keywords report once per object, naming every key concerned, but jsonschema repeats
    # a `required` error for each missing key: handle each object once.
    seen: set[tuple[str, Path_]] = set()
    for error in schemas.validator(name).iter_errors(data):
        path: Path_ = tuple(error.absolute_path)
        keyword = str(error.validator)
        if keyword not in ("required", "additionalProperties"):
            where = document.position(path)
            message = _message(name, error, template).rstrip()
            problems.append(Problem(file, where.line, where.column, message))
        elif (keyword, path) not in seen:
            seen.add((keyword, path))
            problems += (
                _missing_problems(name, path, error, document, file, template)
                if keyword == "required"
                else _unknown_problems(name, path, error, document, file)
            )
    return problems


@dataclass(frozen=True)
class SchemaFile:
    """A YAML document read for one schema: prepared data, and where each value was written."""

    schema: str
    name: str
    data: dict[str, Any]
    document: YamlDocument

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        """A problem located where the value (or key) at `path` was written."""
        where = self.document.position(path, key=key)
        return Problem(self.name, where.line, where.column, message)


def shape_problem(data: Any, file: str, template: str, first_keys: str) -> Problem | None:
    """Explain an empty document, or one that is a list or text instead of `key: value` lines."""
    if data is None:
        return Problem(
            file, 1, 1, f"ファイルが空です。{template} をコピーして、必要な項目を書いてください。"
        )
    if isinstance(data, dict):
        return None
    shape = "リスト（「- 」で始まる行の並び）" if isinstance(data, list) else "文字だけ"
    return Problem(
        file,
        1,
        1,
        f"ファイル全体が「項目名: 値」の形になっていません（いまは{shape}です）。"
        f"行頭の「- 」などを外し、{template} と同じく{first_keys}の形で書いてください。",
    )


def quick_document(text: str, file: str, schema: str) -> SchemaFile | None:
    """The document when it is plainly valid, read without positions (several times faster);
    None when it needs `read_document`, which locates and explains every problem."""
    data = yamlfile.plain_data(text)
    if not isinstance(data, dict) or not schemas.quickly_valid(schema, data):
        return None
    return SchemaFile(schema, file, data, YamlDocument(data, source=text))


def read_document(
    text: str, file: str, schema: str, template: str, first_keys: str
) -> tuple[SchemaFile | None, list[Problem]]:
    """Parse YAML text, check its shape and validate it against a schema; report everything."""
    document, problems = yamlfile.parse(text, file)
    if document is None:
        return None, problems
    shape = shape_problem(document.data, file, template, first_keys)
    if shape is not None:
        return None, [*problems, shape]
    data = prepare(document.data, schema, document)
    return SchemaFile(schema, file, data, document), problems + schema_problems(
        data, schema, document, file, template
    )
