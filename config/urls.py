from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve as serve_media

from kindling.api.router import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    # Media is served by the app because self-hosters often run without a separate web server;
    # uploads are re-encoded images only, so nothing executable can be served from here.
    re_path(r"^media/(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT}),
    path("", include("kindling.web.urls")),
]
