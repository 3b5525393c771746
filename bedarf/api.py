"""POST /api/v2/bedarf/ on a ninja router (mounted by cms/api.py); the view and its form check the body."""

from typing import Literal

from ninja import Router
from pydantic import Field

from core.openapi import Accepted, FormError, Slug, StrictModel, documented_body

from . import views
from .forms import WishForm
from .models import Wish

router = Router(tags=["Formulare"])
FIELDS = WishForm.base_fields


class WishRequest(StrictModel):
    """Nothing personal: no name, no address. `null` counts as not given."""

    thema: str = Field(
        min_length=1,
        max_length=FIELDS["thema"].max_length,
        pattern=r"\S",
        description="Was fehlt, kurz: z. B. „Computerkurs am Nachmittag“",
    )
    beschreibung: str | None = Field(
        None, max_length=FIELDS["beschreibung"].max_length, description="Genauer (freiwillig)"
    )
    zielgruppe: Slug | Literal[""] | None = Field(None, description="Zielgruppe (Slug); leer: egal")
    lebenslage: Slug | Literal[""] | None = Field(None, description="Lebenslage (Slug); leer: egal")
    ort: Slug | Literal[""] | None = Field(None, description="Stadt oder Gemeinde (Slug); leer: der ganze Landkreis")
    zeiten: list[Literal[tuple(Wish.Time.values)]] | None = Field(None, description="Wann es passen würde")


EXAMPLE = {"thema": "Computerkurs am Nachmittag", "zeiten": ["nachmittags"]}


@router.post(
    "api/v2/bedarf/",
    operation_id="reportNeed",
    url_name="api_bedarf",
    response={201: Accepted, 400: FormError, 405: FormError, 429: FormError},
    summary="„Was fehlt Ihnen?“ – ein Angebot wünschen, das es noch nicht gibt",
    openapi_extra=documented_body(WishRequest, EXAMPLE),
)
def wish(request):
    """Speichert einen Wunsch ohne personenbezogene Angaben; das Servicebüro und die Anbieter sehen die
    Wünsche zusammengefasst im Bedarfsbericht."""
    return views.api_wish(request)
