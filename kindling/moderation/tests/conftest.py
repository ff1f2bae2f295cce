import pytest
from django.contrib.auth.models import Group


@pytest.fixture
def moderator(make_user):
    user = make_user("mod_one")
    user.groups.add(Group.objects.get(name="moderator"))
    return user


@pytest.fixture
def moderator_two(make_user):
    user = make_user("mod_two")
    user.groups.add(Group.objects.get(name="moderator"))
    return user
