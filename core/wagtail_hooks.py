"""Admin page forms that arrive malformed answer 400 with a German message instead of 500.

Wagtail's StreamField and rich-text widgets read the posted data without checking it: a form posted
without ``body-count`` raised KeyError, invalid rich-text JSON a JSONDecodeError — both 500. A browser
never sends that; a broken proxy, a script or an attacker does. Checked before Wagtail builds its form.
"""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _
from wagtail import hooks

MALFORMED_FORM = (
    "Das Formular ist unvollständig oder beschädigt angekommen; es wurde nichts gespeichert. "
    "Bitte laden Sie die Seite neu und versuchen Sie es erneut."
)


def malformed_fields(page_class, data, files) -> list[str]:
    """Names of the fields of ``page_class``'s admin form whose posted value cannot even be read."""
    form_class = page_class.get_edit_handler().get_form_class()
    broken = []
    for name, field in form_class.base_fields.items():
        try:
            field.widget.value_from_datadict(data, files, name)
        except (KeyError, ValueError, TypeError, IndexError, AttributeError):
            broken.append(name)
    return broken


def _refuse_if_malformed(request, page_class):
    if request.method == "POST" and malformed_fields(page_class, request.POST, request.FILES):
        return HttpResponseBadRequest(_(MALFORMED_FORM), content_type="text/plain; charset=utf-8")
    return None


@hooks.register("before_create_page")
def refuse_malformed_new_page(request, parent_page, page_class):
    return _refuse_if_malformed(request, page_class)


@hooks.register("before_edit_page")
def refuse_malformed_page_edit(request, page):
    return _refuse_if_malformed(request, page.specific_class)
