"""wagtail-modeladmin with permission checks on every view and per-object actions.

modeladmin trusts the list's queryset to hide objects, but its inspect, edit, delete and history
views load any object by the id in the URL (wagtail/wagtail#5727), and the history view checks no
permission at all. The classes here check the object itself on every one of those views.

Actions on one object (approve a request, cancel a registration, answer a rating) are declared on the
ModelAdmin as ``object_actions``: each is a button in the object's row and a confirmation view behind
its own URL, both allowed by one method of the permission helper that takes ``(user, obj)``::

    class SlotAdmin(CheckedModelAdmin):
        object_actions = (ObjectAction("message", MessageParticipantsView, _("Nachricht senden")),)

    class MessageParticipantsView(ObjectActionView):
        permission_check = "user_can_message"  # SlotPermissionHelper.user_can_message(user, slot)
        def perform(self, form) -> str: ...  # the German success message
"""

import logging
from dataclasses import dataclass
from smtplib import SMTPException

from django.contrib.admin.utils import label_for_field, quote
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import re_path
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import HistoryView, IndexView, InstanceSpecificView

logger = logging.getLogger(__name__)

MAIL_FAILED = _(
    "Die E-Mail konnte nicht versendet werden; es wurde nichts gespeichert. Bitte versuchen Sie es später erneut."
)


class PermissionCheckedHistoryView(HistoryView):
    """The history of an object, only for who may inspect or edit that object."""

    def check_action_permitted(self, user):
        helper = self.permission_helper
        return helper.user_can_inspect_obj(user, self.instance) or helper.user_can_edit_obj(user, self.instance)


class ExportingIndexView(IndexView):
    """CSV/XLSX exports headed by the fields' German names as written (modeladmin title-cases them),
    with choices by their labels rather than their stored values."""

    def get_heading(self, queryset, field):
        if field in self.export_headings:
            return force_str(self.export_headings[field])
        return capfirst(force_str(label_for_field(field, model=self.model, model_admin=self.model_admin)))

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for name in row:
            try:
                model_field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if model_field.choices:
                row[name] = getattr(item, f"get_{name}_display")()
        return row


# --- actions on one object ---


class ObjectActionView(InstanceSpecificView):
    """A confirmation page with a form on GET; the action on POST. Checks the object's permission."""

    template_name = ""
    form_class = None
    permission_check = ""  # name of the permission helper's method that takes (user, obj)

    def check_action_permitted(self, user):
        return getattr(self.permission_helper, self.permission_check)(user, self.instance)

    def get_form(self):
        if self.form_class is None:
            return None
        return self.form_class(self.request.POST if self.request.method == "POST" else None)

    def get(self, request, *args, **kwargs):
        return self.render(self.get_form())

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form is not None and not form.is_valid():
            return self.render(form, status=400)
        return self.attempt(lambda: self.perform(form), form)

    def attempt(self, action, form):
        """Run ``action``; report its German message, or why nothing happened."""
        request = self.request
        try:
            message = action()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.render(form, status=400)
        except (SMTPException, OSError):
            logger.exception("Mail for %s %s failed", self.model_name, self.instance.pk)
            messages.error(request, str(MAIL_FAILED))
            return self.render(form, status=503)
        messages.success(request, message)
        return redirect(self.get_success_url())

    def get_success_url(self):
        return self.index_url

    def render(self, form, status=200):
        context = self.get_context_data(form=form)
        return TemplateResponse(self.request, [self.template_name], context, status=status)

    def perform(self, form) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class ObjectAction:
    """One action on an object: URL segment ``name``, its view, and the label of its button in the list."""

    name: str
    view_class: type[ObjectActionView]
    label: str | Promise
    classname: str = "button button-secondary"

    def is_permitted(self, permission_helper, user, obj) -> bool:
        # the button asks exactly what the view checks
        return getattr(permission_helper, self.view_class.permission_check)(user, obj)


class ObjectActionButtonHelper(ButtonHelper):
    """The usual buttons and, where permitted, the model admin's ``object_actions``."""

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        model_admin = self.view.model_admin
        user = self.request.user
        actions = [
            self.action_button(action, obj)
            for action in model_admin.object_actions
            if action.is_permitted(self.permission_helper, user, obj)
        ]
        return actions + buttons if model_admin.object_actions_first else buttons + actions

    def action_button(self, action: ObjectAction, obj) -> dict:
        return {
            "url": self.url_helper.get_action_url(action.name, quote(obj.pk)),
            "label": action.label,
            "classname": action.classname,
            "title": action.label,
        }


# --- model admins ---


class CheckedModelAdmin(ModelAdmin):
    """A ModelAdmin whose history view checks permissions like its other views, with readable exports,
    and with ``object_actions`` (buttons first if ``object_actions_first``)."""

    history_view_class = PermissionCheckedHistoryView
    index_view_class = ExportingIndexView
    button_helper_class = ObjectActionButtonHelper
    object_actions: tuple[ObjectAction, ...] = ()
    object_actions_first = False

    def object_action_view(self, action: ObjectAction):
        def view(request, instance_pk):
            return action.view_class.as_view(model_admin=self, instance_pk=instance_pk)(request)

        return view

    def get_admin_urls_for_registration(self):
        return super().get_admin_urls_for_registration() + tuple(
            re_path(
                self.url_helper.get_action_url_pattern(action.name),
                self.object_action_view(action),
                name=self.url_helper.get_action_url_name(action.name),
            )
            for action in self.object_actions
        )
