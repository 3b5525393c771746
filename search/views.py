"""Site search for residents at /suche/."""

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.live().public().specific().search(query, operator="and") if query else Page.objects.none()
    page = Paginator(results, 10).get_page(request.GET.get("seite"))
    return render(request, "search/search.html", {"search_query": query, "results": page})
