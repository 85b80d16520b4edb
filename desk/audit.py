"""One call to record an editor's decision; used by every app that takes one."""

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
