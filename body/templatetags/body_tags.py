from django import template

register = template.Library()


@register.filter
def first_card(items) -> str:
    """The social card of the story's first picture (``body.rendering`` items)."""
    for item in items or ():
        picture = getattr(item, "picture", None)
        if picture is not None and picture.card:
            return picture.card
    return ""
