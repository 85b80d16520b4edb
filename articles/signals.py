"""Signals other apps listen to; handlers only enqueue work (connected in their ready())."""

from django.dispatch import Signal

# Sent after an article's blocks were (re)written in a committed transaction,
# with sender=Article and article_id=<pk>. Entity extraction and table
# reconstruction hang off this, so the checker never has to know about them.
blocks_checked = Signal()
