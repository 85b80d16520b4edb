"""Raw imported text in admin pages, its invisible format characters shown."""

from django import template

from articles.rawtext import show_invisible

register = template.Library()

register.filter("show_invisible", show_invisible, is_safe=True)
