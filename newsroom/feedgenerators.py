"""RSS and Atom writers that cannot be broken by one bad item.

XML 1.0 cannot hold most control characters; Django's feed writer raises
``UnserializableContentError`` on one, and the whole feed was a 500 (issue #17).
Models refuse or strip them on save; these writers also drop them from every
string they write, so a row that got in some other way costs nothing.
"""

import re

from django.utils import feedgenerator

# Characters XML 1.0 cannot contain (tab, newline and carriage return are allowed).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(value):
    if isinstance(value, str):
        return NOT_XML.sub("", value)
    if isinstance(value, (list, tuple)):
        return type(value)(xml_safe(v) for v in value)
    return value


class _Safe:
    def __init__(self, *args, **kwargs):
        super().__init__(*(xml_safe(a) for a in args),
                         **{k: xml_safe(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*(xml_safe(a) for a in args),
                         **{k: xml_safe(v) for k, v in kwargs.items()})


class SafeRss(_Safe, feedgenerator.Rss201rev2Feed):
    pass


class SafeAtom(_Safe, feedgenerator.Atom1Feed):
    pass
