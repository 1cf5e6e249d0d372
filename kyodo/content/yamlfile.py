"""Read a YAML file written by hand, keeping every value's position for error messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kyodo.content.characters import stand_in_controls
from kyodo.content.formats import DATE_PATTERN
from kyodo.content.problems import Problem

Path_ = tuple[str | int, ...]
# libyaml's parser is several times faster and keeps the same marks; fall back when absent.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
_DECIMAL = re.compile(r"^[-+]?[0-9]+$")
# A listing has about fifty values; a case about a hundred. Far more means a mistake or an attack.
MAX_VALUES = 2000
STR_TAG = "tag:yaml.org,2002:str"

# PyYAML's problem texts, in the order they are tried, with what they mean for an editor.
_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        '「:」の使い方が正しくありません。値の中に「: 」を含めるときは、値全体を "…" で囲んでください',
    ),
    (
        "could not find expected ':'",
        "「項目名: 値」の「:」が見つかりません。項目名のあとに半角の「:」と空白を入れてください",
    ),
    (
        "found unexpected end of stream",
        "引用符（\" または '）が閉じられていません。値の終わりにも同じ引用符を書いてください",
    ),
    (
        "while scanning a quoted scalar",
        "引用符（\" または '）が閉じられていません。値の終わりにも同じ引用符を書いてください",
    ),
    (
        "expected <block end>",
        "字下げ（行頭の空白）がそろっていません。同じ階層の項目は、同じ数の半角スペースで始めてください",
    ),
    (
        "did not find expected key",
        "字下げ（行頭の空白）がそろっていません。同じ階層の項目は、同じ数の半角スペースで始めてください",
    ),
    (
        "expected ',' or ']'",
        "「[」で始めたリストが「]」で閉じられていません。「[」と「]」の数をそろえてください",
    ),
    (
        "did not find expected '-' indicator",
        "リストの字下げがそろっていません。「- 」で始まる行は、同じ数の半角スペースで始めてください",
    ),
    ("found character '@'", '「@」で始まる値は、値全体を "…" で囲んでください'),
    ("found character '`'", '「`」で始まる値は、値全体を "…" で囲んでください'),
)


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a file."""

    line: int
    column: int


@dataclass
class YamlDocument:
    """Plain data read from YAML, with the position of every value and key."""

    data: Any
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    # Text read quickly without positions: they are found the first time one is asked for.
    source: str | None = None

    def position(self, path: Path_, *, key: bool = False) -> Position:
        """Where the value (or its key) at this path was written; the nearest parent otherwise."""
        if self.source is not None:
            located, _ = parse(self.source, "")
            self.source = None
            if located is not None:
                self.values, self.keys, self.raw = located.values, located.keys, located.raw
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            if path[:end] in table:
                return table[path[:end]]
            if path[:end] in self.values:
                return self.values[path[:end]]
        return Position(1, 1)


def decode(content: bytes, name: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (a BOM is accepted), or explain how to save the file as UTF-8."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(name, 1, 1, _not_utf8("UTF-16（Excel の「Unicode テキスト」）"))]
    try:
        return content.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        column = error.start - (content.rfind(b"\n", 0, error.start) + 1) + 1
        encoding = "Shift_JIS" if _decodes_as_shift_jis(content) else "UTF-8 以外の文字コード"
        return None, [Problem(name, line, column, _not_utf8(encoding))]


def _decodes_as_shift_jis(content: bytes) -> bool:
    try:
        content.decode("cp932")
    except UnicodeDecodeError:
        return False
    return True


def _not_utf8(encoding: str) -> str:
    return (
        f"文字コードが UTF-8 ではありません（{encoding} で保存されているようです）。"
        "メモ帳なら「名前を付けて保存」で文字コードに「UTF-8」を選び、保存し直してください。"
        "Excel で作った文字をコピーした場合も、保存し直すと直ります。"
    )


def tab_problems(text: str, name: str) -> list[Problem]:
    """Report tabs used for indentation, which YAML forbids."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    name,
                    number,
                    indent.index("\t") + 1,
                    "字下げにタブ文字が使われています。YAML の字下げには半角スペースを使ってください"
                    "（タブ1つを半角スペース2つに置き換えます）。",
                )
            )
    return problems


def syntax_problem(error: yaml.MarkedYAMLError, name: str) -> Problem:
    """Turn a PyYAML error into a located message an editor can act on."""
    # An unclosed quote is noticed at the end of the file; point at where the quote opened.
    quoted = "quoted scalar" in (error.context or "")
    mark = (error.context_mark if quoted else None) or error.problem_mark or error.context_mark
    original = " ".join(filter(None, [error.context, error.problem]))
    hint = next((h for key, h in _SYNTAX_HINTS if key in original), None)
    message = (
        hint
        or "YAML として読み取れません。この行とすぐ上の行の字下げ・「:」・引用符を確かめてください"
    )
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(
        name, line, column, f"書き方に誤りがあります: {message}。（YAML の説明: {original}）"
    )


class _Builder:
    """Turn composed nodes into plain data, recording positions and duplicate keys."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.document = YamlDocument(data=None)
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")
        self._seen: set[int] = set()
        self.refused: list[Problem] = []

    def build(self, node: Node, path: Path_) -> Any:
        self.document.values[path] = _position(node)
        if self._refused(node):
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(self._scalar(key_node, None))
            if key in result:
                first = self.document.keys[(*path, key)]
                self.problems.append(
                    Problem(
                        self.name,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        f"項目「{key}」が2回書かれています（1回目は{first.line}行目）。"
                        "どちらか一方を消してください。",
                    )
                )
                continue
            self.document.keys[(*path, key)] = _position(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result

    def _refused(self, node: Node) -> bool:
        """Refuse a node met a second time (an alias: `*name` repeats `&name`, and nested
        aliases multiply a small file into gigabytes) and documents with too many values."""
        if id(node) in self._seen:
            self.refused.append(_at(self.name, node, _ALIAS_MESSAGE))
            return True
        self._seen.add(id(node))
        if len(self._seen) == MAX_VALUES + 1:
            self.refused.append(_at(self.name, node, _TOO_MANY_MESSAGE))
        return len(self._seen) > MAX_VALUES

    def _scalar(self, node: Node, path: Path_ | None) -> Any:
        if not isinstance(node, ScalarNode) or node.tag == TIMESTAMP_TAG:
            return node.value
        if path is not None and not node.style and node.tag != STR_TAG:
            self.document.raw[path] = node.value
        try:
            return self._constructor.construct_object(node, deep=True)
        except yaml.YAMLError:
            return node.value


def _position(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _at(name: str, node: Node, message: str) -> Problem:
    where = _position(node)
    return Problem(name, where.line, where.column, message)


_ALIAS_MESSAGE = (
    "「&名前」と「*名前」（アンカーと別名）で値をくり返す書き方は使えません。"
    "くり返す値も、その場所にそのまま書いてください。"
)
_TOO_MANY_MESSAGE = (
    f"値の数が多すぎます（{MAX_VALUES}個まで）。"
    "1つのファイルには1件の掲載（または事例）だけを書いてください。"
)


def parse(text: str, name: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse YAML text into a located document, or report why it cannot be read."""
    problems = tab_problems(text, name)
    if problems:
        return None, problems
    try:
        node = yaml.compose(stand_in_controls(text), Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        return None, [syntax_problem(error, name)]
    except yaml.YAMLError as error:
        return None, [_unreadable(error, text, name)]
    if node is None:
        return YamlDocument(data=None), []
    builder = _Builder(name)
    builder.document.data = builder.build(node, ())
    if builder.refused:
        return None, builder.refused
    return builder.document, builder.problems


def _unreadable(error: yaml.YAMLError, text: str, name: str) -> Problem:
    """A parser error without a mark (the reader's), located by its character position."""
    position = getattr(error, "position", 0) or 0
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return Problem(
        name,
        line,
        column,
        "この位置の文字を YAML として読み取れません。見えない文字が混じっていないか確かめ、"
        "この行を書き直してください。",
    )


def size_problem(content: bytes, name: str, limit: int) -> Problem | None:
    """Refuse a file larger than `limit` bytes before reading it."""
    if len(content) <= limit:
        return None
    return Problem(
        name,
        1,
        1,
        f"ファイルが大きすぎます（{len(content) // 1024:,} KB）。{limit // 1024:,} KB 以内にしてください。"
        "1つのファイルには1件の掲載（または事例）だけを書きます。",
    )


class _DuplicateKey(Exception):
    pass


class _PlainLoader(_LOADER):  # type: ignore[misc, valid-type]
    """libyaml's loader keeping dates as text and refusing duplicate keys, for quick reading."""

    # Dates stay text; numbers are integers only when written in decimal digits (0x7B8,
    # 1.0e+3 and the like stay text, and the full reader explains them).
    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [
            (tag, _DECIMAL if tag == INT_TAG else regexp)
            for tag, regexp in resolvers
            if tag not in (TIMESTAMP_TAG, FLOAT_TAG)
        ]
        for first, resolvers in _LOADER.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [key.value for key, _ in node.value]
        if len(keys) != len(set(keys)):
            raise _DuplicateKey
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def plain_data(text: str) -> Any | None:
    """The data of an ordinary YAML text, read fast without positions; None when the text
    needs the careful reader (aliases, anything it cannot read, duplicate keys)."""
    if "&" in text or "*" in text:
        return None
    try:
        return yaml.load(text, Loader=_PlainLoader)
    except (yaml.YAMLError, _DuplicateKey):
        return None


def read(
    content: bytes, name: str, limit: int = 64 * 1024
) -> tuple[YamlDocument | None, list[Problem]]:
    """Decode and parse the bytes of a YAML file of at most `limit` bytes."""
    too_big = size_problem(content, name, limit)
    if too_big:
        return None, [too_big]
    text, problems = decode(content, name)
    return parse(text, name) if text is not None else (None, problems)


def yaml_value(value: Any) -> str:
    """A value as it is written after `key: ` in a listing file."""
    if isinstance(value, str) and DATE_PATTERN.fullmatch(value):
        return value  # the reader keeps dates as text, so they need no quotes
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000)
    return text.removesuffix("\n").removesuffix("\n...").strip()
