"""The audit log's writer: every app announces decisions with ``articles.audit.record``."""

from desk.models import AuditEntry


def record(user, action: str, obj=None, *, article=None, **details) -> AuditEntry:
    if article is None and obj is not None and obj.__class__.__name__ == "Article":
        article = obj
    return AuditEntry.objects.create(
        user=user if user is not None and getattr(user, "is_authenticated", False) else None,
        action=action,
        article=article,
        object_repr=str(obj)[:300] if obj is not None else "",
        details=details,
    )


def on_decision_made(sender, user, action, obj, article, details, **kwargs) -> None:
    """``articles.signals.decision_made`` -> an audit entry, in the decision's transaction."""
    record(user, action, obj, article=article, **details)
