import pytest


@pytest.mark.django_db
def test_health(api):
    """GET /api/health answers {"status": "ok"}."""
    r = api.get("/api/health")
    assert r.status_code == 200 and r.json() == {"status": "ok"}
