"""Signed, expiring preview links: the page exactly as readers will get it, for
people without an account (a source, a lawyer), and never public.

The link signs a ``PreviewGrant`` id with a timestamp; it opens the page until it
expires (``NEWSROOM_PREVIEW_MAX_AGE``) or an editor revokes the grant.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from body.models import PreviewGrant

SALT = "body.preview"


def signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def make_link(article, user) -> str:
    grant = PreviewGrant.objects.create(article=article, created_by=user)
    return reverse("articles:preview", kwargs={"token": signer().sign(str(grant.pk))})


def live_grants(article):
    """The article's preview links that still open it: neither revoked nor expired."""
    since = timezone.now() - timedelta(seconds=settings.NEWSROOM_PREVIEW_MAX_AGE)
    return (PreviewGrant.objects.filter(article=article, revoked=False, created_at__gt=since)
            .select_related("created_by"))


def grant_for(token: str) -> PreviewGrant | None:
    """The live grant a token names, or None (bad signature, expired, revoked)."""
    try:
        pk = signer().unsign(token, max_age=settings.NEWSROOM_PREVIEW_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    return (PreviewGrant.objects.select_related("article")
            .filter(pk=int(pk), revoked=False).first())
