"""The demo's URLs plus ``/bench/ping/``, the trivial authenticated baseline view."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.urls import path

from demo_site.urls import urlpatterns as demo_urlpatterns


@login_required
def ping(request):
    return JsonResponse({"user": request.user.pk})


urlpatterns = [path("bench/ping/", ping), *demo_urlpatterns]
