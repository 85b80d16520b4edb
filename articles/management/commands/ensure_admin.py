"""Create the first admin account for a fresh site and print its password once."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the 'admin' superuser with a random password, printed once; later runs say so."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("NEWSROOM_ADMIN_USER", "admin"))

    def handle(self, *args, **options):
        User = get_user_model()
        username = options["username"]
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Admin account '{username}' already exists (its password was printed when it "
                f"was created; reset it with: manage.py changepassword {username})."
            )
            return
        password = os.environ.get("NEWSROOM_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS(
            f"Admin login: http://127.0.0.1:8000/admin/  user: {username}  password: {password}"
        ))
