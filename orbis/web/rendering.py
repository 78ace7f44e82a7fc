"""Form widgets and labels written in Python instead of through Django's widget templates.

Django renders every input, label and checkbox option through two to four nested templates: on
the session scheduling page (two forms, a dozen fields) that was more than half of the page's
time, and a third of the project list's (its filters have ~250 options). QuickRenderer, the
FORM_RENDERER of every form, writes exactly the same HTML as Django's templates for the widgets
listed in WRITERS and for labels (orbis/live/tests/test_quick_renderer.py compares them, widget
by widget), and hands every other template (error lists, other widgets) to Django's.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.timezone import template_localtime


def _text(value) -> str:
    """`{{ value }}` in an autoescaping template."""
    value = localize(template_localtime(value))
    return conditional_escape(value if issubclass(type(value), str) else str(value))


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}`: the filter keeps a safe string safe (and str() of a
    safe string is that safe string)."""
    return _text(str(value))


def _attrs(attrs) -> str:
    """django/forms/widgets/attrs.html and django/forms/attrs.html."""
    parts = []
    for name, value in (attrs or {}).items():
        if value is True:
            parts.append(f" {_text(name)}")
        elif value is not False:
            parts.append(f' {_text(name)}="{_formatted(value)}"')
    return "".join(parts)


def _input(widget) -> str:
    """django/forms/widgets/input.html (and text, number, date, … which include it)."""
    value = widget["value"]
    shown = f' value="{_formatted(value)}"' if value is not None else ""
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>\n"
    )


def _textarea(widget) -> str:
    value = widget["value"]
    text = _text(value) if value else ""
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>\n'
    )


def _select(widget) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            value, attrs = _formatted(option["value"]), _attrs(option["attrs"])
            parts.append(f'\n  <option value="{value}"{attrs}>{_text(option["label"])}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _checkbox_option(option) -> str:
    """django/forms/widgets/checkbox_option.html → input_option.html → input.html."""
    html = _input(option)
    if option["wrap_label"]:
        label_for = option["attrs"].get("id")
        label_for = f' for="{_text(label_for)}"' if label_for else ""
        html = f"<label{label_for}>{html} {_text(option['label'])}</label>"
    return html + "\n\n"


def _checkboxes(widget) -> str:
    """django/forms/widgets/checkbox_select.html → multiple_input.html."""
    id_ = widget["attrs"].get("id")
    css = widget["attrs"].get("class")
    id_ = f' id="{_text(id_)}"' if id_ else ""
    css = f' class="{_text(css)}"' if css else ""
    parts = [f"<div{id_}{css}>"]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_text(group)}</label>")
        for option in options:
            parts.append(f"<div>\n    {_checkbox_option(option)}</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n")
    return "".join(parts)


def _label(context) -> str:
    """django/forms/label.html."""
    label = _text(context["label"])
    if not context["use_tag"]:
        return label
    tag = _text(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{label}</{tag}>"


_INPUTS = (
    "text",
    "number",
    "date",
    "time",
    "url",
    "email",
    "hidden",
    "password",
    "search",
    "checkbox",
)
WRITERS = {
    **{f"django/forms/widgets/{name}.html": _input for name in _INPUTS},
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/checkbox_select.html": _checkboxes,
    "django/forms/widgets/radio.html": _checkboxes,  # the same markup, radio inputs
}


class QuickRenderer(DjangoTemplates):
    """Django's template renderer, with the common widgets and labels written in Python."""

    def render(self, template_name, context, request=None):
        if template_name == "django/forms/label.html":
            return _label(context).strip()
        writer = WRITERS.get(template_name)
        if writer is None:
            return super().render(template_name, context, request)
        return writer(context["widget"]).strip()
