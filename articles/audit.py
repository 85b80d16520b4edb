"""One call to announce an editor's decision; the desk app keeps the audit log.

``record`` sends ``decision_made`` in the caller's transaction, so the log entry
the desk writes commits or rolls back with the decision itself, and articles (and
the pipeline stages) need not know who keeps the log.
"""

from articles.signals import decision_made


def record(user, action: str, obj=None, *, article=None, **details) -> None:
    if article is None and obj is not None and obj.__class__.__name__ == "Article":
        article = obj
    decision_made.send(sender=type(obj), user=user, action=action, obj=obj,
                       article=article, details=details)
