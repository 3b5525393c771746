"""POST /api/v2/newsletter/ on a ninja router (mounted by cms/api.py); the view and its form check the body."""

from typing import Literal

from ninja import Router
from pydantic import Field

from core.openapi import Accepted, FormError, Slug, StrictModel, documented_body

from . import views
from .forms import SubscribeForm

router = Router(tags=["Formulare"])


class SubscriptionRequest(StrictModel):
    """`null` counts as not given."""

    email: str = Field(max_length=SubscribeForm.base_fields["email"].max_length, json_schema_extra={"format": "email"})
    lebenslage: list[Slug] | None = Field(None, description="Lebenslagen (Slugs); leer: alle")
    zielgruppe: list[Slug] | None = Field(None, description="Zielgruppen (Slugs); leer: alle")
    ort: list[Slug] | None = Field(None, description="Städte und Gemeinden (Slugs); leer: der ganze Landkreis")
    einwilligung: Literal[True] = Field(description="Der Wunsch, den Newsletter zu erhalten")


EXAMPLE = {"email": "leser@example.org", "einwilligung": True}


@router.post(
    "api/v2/newsletter/",
    operation_id="subscribeNewsletter",
    url_name="api_newsletter",
    response={202: Accepted, 400: FormError, 405: FormError, 429: FormError, 503: FormError},
    summary="Den Newsletter bestellen (mit Bestätigung per E-Mail)",
    openapi_extra=documented_body(SubscriptionRequest, EXAMPLE),
)
def subscribe(request):
    """Schickt einen Bestätigungslink an `email` (Double-Opt-in). Die Antwort ist für neue, noch nicht
    bestätigte und bereits bestätigte Adressen dieselbe (202), damit niemand erfragen kann, wer den
    Newsletter bezieht; 503, wenn die Bestätigung nicht versendet werden konnte (nichts gespeichert)."""
    return views.api_subscribe(request)
