"""Signals other apps listen to (connected in their ready())."""

from django.dispatch import Signal

# Sent after the commit that changed an article's story body, with article_id=<pk>.
# Entity extraction and the search index follow the body through it.
body_changed = Signal()
