from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from api.models import ApiToken


class Command(BaseCommand):
    help = "Make an API token for a user and print it (the only time it is shown)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--scope", choices=ApiToken.Scope.values, default="read")
        parser.add_argument("--name", default="", help="What the token is for.")

    def handle(self, *args, username, scope, name, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user {username!r}.") from None
        if not user.is_active:
            raise CommandError(f"{username!r} is not active; its token would not work.")
        _token, secret = ApiToken.issue(user, name=name or f"{username} ({scope})", scope=scope)
        self.stdout.write(secret)
