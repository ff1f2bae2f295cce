from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from tqdm import tqdm

from kindling.moderation.tasks import recheck_task
from kindling.posts.models import Post, PostStatus


class Command(BaseCommand):
    help = "Re-check recently published posts with the current model and policy (after an update)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--days", type=int, default=7)
        parser.add_argument("--batch", type=int, default=200)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        since = timezone.now() - timedelta(days=options["days"])
        ids = list(Post.objects.filter(status=PostStatus.PUBLISHED, published_at__gte=since).values_list("pk", flat=True))
        batch = options["batch"]
        for start in tqdm(range(0, len(ids), batch), desc="queueing re-checks", unit="batch"):
            recheck_task.delay(ids[start : start + batch])
        self.stdout.write(f"queued {len(ids)} post(s) for re-checking")
