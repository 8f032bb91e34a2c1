"""The demo's URLs plus the trivial baseline views of the cache hit row.

``/bench/ping/``: a ``login_required`` view. ``/admin/bench-ping/``: the same view
behind what Wagtail puts in front of every admin URL that a hook registers (our API
included): ``require_admin_access`` (the "access admin" permission, the editor's
language and time zone from their profile) and ``never_cache``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access

from demo_site.urls import urlpatterns as demo_urlpatterns


@login_required
def ping(request):
    return JsonResponse({"user": request.user.pk})


urlpatterns = [
    path("bench/ping/", ping),
    path("admin/bench-ping/", never_cache(require_admin_access(ping))),
    *demo_urlpatterns,
]
