"""Core helpers: cursors, rate-limit parsing, image sanitising, audit transaction rule."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kindling.core.audit import audit_record
from kindling.core.errors import ApplicationError
from kindling.core.images import image_sanitize
from kindling.core.pagination import cursor_decode, cursor_encode
from kindling.core.ratelimit import parse_rate, ratelimit_hit


def test_cursor_roundtrip_and_garbage():
    """Cursors round-trip; tampered or malformed ones are a 400 bad_cursor."""
    import datetime as dt

    when = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert cursor_decode(cursor_encode([when, 7]), kinds=[dt.datetime, int]) == [when, 7]
    for bad in ["", "!!!", cursor_encode(["x", 1]), cursor_encode([when]), cursor_encode([when, "7"])]:
        with pytest.raises(ApplicationError) as exc:
            cursor_decode(bad, kinds=[dt.datetime, int])
        assert exc.value.code == "bad_cursor"


def test_parse_rate():
    """Rates read as <count>/<unit>; 'off' disables."""
    assert parse_rate("30/m") == (30, 60)
    assert parse_rate("5/h") == (5, 3600)
    assert parse_rate("100/10s") == (100, 10)
    assert parse_rate("off") == (0, 0)
    with pytest.raises(ValueError):
        parse_rate("5/fortnight")


def test_ratelimit_hit_counts(settings):
    """The (limit+1)th hit in a window raises a 429 with retry_after."""
    settings.KINDLING_RATELIMITS = {"thing": "2/m"}
    ratelimit_hit(scope="thing", ident="a")
    ratelimit_hit(scope="thing", ident="a")
    ratelimit_hit(scope="thing", ident="b")
    with pytest.raises(ApplicationError) as exc:
        ratelimit_hit(scope="thing", ident="a")
    assert exc.value.status == 429 and exc.value.extra["retry_after"] > 0


def _png(size=(10, 10), mode="RGBA") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new(mode, size).save(out, format="PNG")
    return SimpleUploadedFile("x.png", out.getvalue())


def test_image_sanitize_reencodes_and_downsizes(settings):
    """Images come back re-encoded under the side limit, with a random name."""
    settings.KINDLING_IMAGE_MAX_SIDE = 32
    clean = image_sanitize(_png((100, 50), "RGB"))
    with Image.open(io.BytesIO(clean.read())) as img:
        assert img.format == "JPEG" and max(img.size) == 32
    assert str(clean.name).endswith(".jpg") and clean.name != "x.png"
    assert str(image_sanitize(_png()).name).endswith(".png")


@pytest.mark.parametrize("payload", [b"", b"GIF89a", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, b"hello"])
def test_image_sanitize_refuses_broken_files(payload):
    """Empty, truncated and non-image files are refused with invalid_image."""
    with pytest.raises(ApplicationError) as exc:
        image_sanitize(SimpleUploadedFile("x.png", payload))
    assert exc.value.code == "invalid_image"


def test_image_sanitize_refuses_oversized_bytes(settings):
    """Files over the byte limit are refused with 413."""
    settings.KINDLING_IMAGE_MAX_BYTES = 10
    with pytest.raises(ApplicationError) as exc:
        image_sanitize(_png())
    assert exc.value.status == 413


@pytest.mark.django_db(transaction=True)
def test_audit_requires_transaction():
    """Audit rows can only be written inside a service's transaction."""
    with pytest.raises(RuntimeError):
        audit_record(actor=None, action="x", target_type="y", target_id=1)


@pytest.mark.django_db(transaction=True)
def test_derived_write_never_relaxes_an_outer_transaction():
    """Rank/view writes skip the WAL flush only when they commit on their own; inside a caller's
    transaction the caller's durable commit is untouched."""
    from django.db import connection, transaction

    from kindling.core.db import derived_write

    if connection.vendor != "postgresql":
        pytest.skip("synchronous_commit is a PostgreSQL setting")

    def setting() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    with transaction.atomic(), derived_write():
        assert setting() == "on"
    with derived_write():
        assert setting() == "off"
    assert setting() == "on"
