"""Show the checker's stored evidence (codes with parameters) in the editor's language."""

from django import template

from articles.reasons import translate_reason, translate_warning

register = template.Library()

register.filter("reason", translate_reason)
register.filter("warning", translate_warning)


@register.filter
def reasons(items) -> str:
    return "; ".join(translate_reason(r) for r in items or ())
