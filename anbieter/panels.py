"""The dashboard panel: what waits for the service office, and where a provider's pages stand."""

from django.db.models import CharField, Exists, IntegerField, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState, get_default_page_content_type

from anbieter.folders import provider_folder_models

from . import scoping
from .models import ProviderRequest

LIMIT = 10


def page_workflow_states(status: str, pages: QuerySet | None = None) -> QuerySet:
    """Workflow states of pages with ``status``, newest first; only those of ``pages`` if given."""
    states = WorkflowState.objects.filter(status=status, base_content_type_id=get_default_page_content_type().id)
    if pages is not None:
        # object_id is text: compare as integers so that PostgreSQL accepts the join
        states = states.filter(Exists(pages.filter(id=Cast(OuterRef("object_id"), output_field=IntegerField()))))
    return (
        states.select_related("current_task_state", "requested_by")
        .prefetch_related("content_object")
        .order_by("-current_task_state__started_at")
    )


def own_pages(user) -> QuerySet:
    """The pages in ``user``'s folders, without the folders themselves."""
    return Page.objects.filter(scoping.own_pages_q(user)).not_type(*provider_folder_models())


def drafts(pages: QuerySet) -> QuerySet:
    """Pages with changes that nobody has submitted for approval yet."""
    in_workflow = WorkflowState.objects.active().filter(
        base_content_type_id=get_default_page_content_type().id,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    return (
        pages.filter(Q(live=False) | Q(has_unpublished_changes=True))
        .exclude(Exists(in_workflow))
        .order_by("-latest_revision_created_at")
    )


class EditorialPanel(Component):
    """For the service office: pages awaiting approval and open requests. For a provider: its pages' states."""

    name = "anbieter_editorial"
    order = 90
    template_name = "anbieter/admin/dashboard_panel.html"

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        context = {"request": request, "role": None}
        if scoping.sees_all_providers(user):
            context.update(
                role="office",
                waiting=page_workflow_states(WorkflowState.STATUS_IN_PROGRESS)[:LIMIT],
                open_requests=ProviderRequest.objects.filter(status=ProviderRequest.Status.PENDING).count(),
                requests_url=reverse("anbieter_providerrequest_modeladmin_index") + "?status__exact=pending",
            )
        elif scoping.provider_ids_of(user):
            pages = own_pages(user)
            context.update(
                role="provider",
                drafts=drafts(pages)[:LIMIT],
                waiting=page_workflow_states(WorkflowState.STATUS_IN_PROGRESS, pages)[:LIMIT],
                returned=page_workflow_states(WorkflowState.STATUS_NEEDS_CHANGES, pages)[:LIMIT],
            )
        return context
