"""Signals other apps listen to; handlers only enqueue work (connected in their ready())."""

from django.dispatch import Signal

# Sent after an article's blocks were (re)written in a committed transaction,
# with sender=Article and article_id=<pk>. Entity extraction and table
# reconstruction hang off this, so the checker never has to know about them.
blocks_checked = Signal()

# Sent with article_ids=[...] after writes that change what those articles' stories
# show but send no post_save (bulk mention decisions, extraction, entity merges).
# The page cache and the stored stories (public.stories) listen to it.
stories_changed = Signal()

# Sent with article=<Article> inside the transition to published or scheduled, before
# anything is written. A receiver refuses by raising ``articles.workflow.TransitionError``
# with a sentence for the editor (the story body: images without alt text).
publishing = Signal()

# Sent after commit with sender=Article and article_id=<pk> when an article became
# published or stopped being so: stories related to it must be ranked again.
publication_changed = Signal()

# Sent inside the transaction of an editor's decision (see articles.audit.record),
# with user, action, obj, article and details. The desk's audit log listens.
decision_made = Signal()
