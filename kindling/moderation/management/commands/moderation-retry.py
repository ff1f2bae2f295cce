from django.core.management.base import BaseCommand

from kindling.moderation.tasks import decide_pending_task


class Command(BaseCommand):
    help = "Decide posts and comments left pending by a crash (run from cron, or let Celery beat do it)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--older-than", type=int, default=None, help="seconds an item must have waited")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        decided = decide_pending_task(options["older_than"])
        self.stdout.write(f"decided {decided} pending item(s)")
