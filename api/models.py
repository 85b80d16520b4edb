import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A token reads "nr_<prefix><rest>": the prefix finds the row, the digest proves it.
TOKEN_MARK = "nr_"  # noqa: S105 (a marker, not a secret)
PREFIX_CHARS = 8
# last_used_at is written at most this often per token: a busy client must not
# turn every read into a write.
LAST_USED_EVERY_SECONDS = 60


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def live(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)

    def find(self, presented: str) -> "ApiToken | None":
        """The live token a client presented, or None (constant-time digest check)."""
        if not presented.startswith(TOKEN_MARK):
            return None
        secret = presented[len(TOKEN_MARK):]
        if len(secret) <= PREFIX_CHARS:
            return None
        wanted = digest(secret)
        for token in self.live().filter(prefix=secret[:PREFIX_CHARS]).select_related("user"):
            if hmac.compare_digest(token.digest, wanted):
                return token
        return None


class ApiToken(models.Model):
    """A user's key to the API, scoped to reading or to reading and writing.

    Only the SHA-256 of the secret is stored: the token is shown once, when it is
    made, and a lost one is revoked and replaced, never recovered.
    """

    class Scope(models.TextChoices):
        READ = "read", _("Read")
        WRITE = "write", _("Read and write")

    name = models.CharField(_("name"), max_length=100,
                            help_text=_("What it is for, e.g. “newsletter builder”."))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens",
                             verbose_name=_("user"),
                             help_text=_("The token acts with this user's permissions."))
    scope = models.CharField(_("scope"), max_length=8, choices=Scope, default=Scope.READ)
    prefix = models.CharField(_("prefix"), max_length=PREFIX_CHARS, db_index=True,
                              editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({TOKEN_MARK}{self.prefix}…)"

    @classmethod
    def issue(cls, user, *, name: str, scope: str = Scope.READ) -> tuple["ApiToken", str]:
        """A new token and its secret, which is never stored and cannot be shown again."""
        token = cls(user=user, name=name, scope=scope)
        secret = token.set_secret()
        token.save()
        return token, secret

    def set_secret(self) -> str:
        secret = secrets.token_urlsafe(32)
        self.prefix, self.digest = secret[:PREFIX_CHARS], digest(secret)
        return TOKEN_MARK + secret

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            ApiToken.objects.filter(pk=self.pk, revoked_at__isnull=True).update(
                revoked_at=self.revoked_at)

    def touch(self) -> None:
        now = timezone.now()
        last = self.last_used_at
        if last is None or (now - last).total_seconds() >= LAST_USED_EVERY_SECONDS:
            self.last_used_at = now
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
