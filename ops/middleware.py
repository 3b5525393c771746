"""Development only: the residents' German error pages instead of Django's debug pages."""

from django.http import Http404

from .views import not_found


class GermanNotFoundMiddleware:
    """Development (``cms.settings.dev``): an unknown address shows the residents' German 404 page, not Django's
    English debug page; add ``?debug404`` to the address to see the debug page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and "debug404" not in request.GET:
            return not_found(request, exception)
        return None
