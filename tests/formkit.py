"""Issue bodies written the way GitHub renders a submitted issue form."""

from __future__ import annotations

from kyodo.contributions.forms import Form


def render_body(form: Form, answers: dict[str, str | list[str]]) -> str:
    """A body for the form: `### label` sections in form order, `_No response_` when empty,
    and every checkbox option listed, ticked (`- [X]`) when it is among the answers."""
    parts = []
    for field in form.fields:
        value = answers.get(field.label, "")
        if field.widget == "checkboxes":
            ticked = value if isinstance(value, list) else [value]
            text = "\n".join(f"- [{'X' if o in ticked else ' '}] {o}" for o in field.options)
        elif isinstance(value, list):
            text = ", ".join(value) if field.widget == "dropdown" else "\n".join(value)
        else:
            text = value or "_No response_"
        parts.append(f"### {field.label}\n\n{text}")
    return "\n\n".join(parts) + "\n"
