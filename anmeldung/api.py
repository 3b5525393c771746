"""POST /api/v2/anmeldungen/ on a ninja router (mounted by cms/api.py); the view and its form check the body."""

from typing import Literal

from ninja import Router
from pydantic import Field

from core.openapi import FormError, StrictModel, documented_body

from . import views
from .forms import RegistrationForm
from .models import Registration

router = Router(tags=["Formulare"])
FIELDS = RegistrationForm.base_fields


class RegistrationRequest(StrictModel):
    """`null` counts as not given."""

    seite: int = Field(ge=1, description="ID der Seite (Angebot oder Veranstaltung), z. B. `id` eines Suchtreffers")
    termin: int | None = Field(
        None,
        ge=1,
        description="ID des Termins; nötig, wenn die Seite mehrere offene Termine hat (bei nur einem wird er genommen)",
    )
    name: str = Field(
        min_length=1, max_length=FIELDS["name"].max_length, pattern=r"\S", description="Vor- und Nachname"
    )
    email: str = Field(
        max_length=FIELDS["email"].max_length,
        json_schema_extra={"format": "email"},
        description="Hierhin gehen die Bestätigung und der Link zum Abmelden",
    )
    telefon: str | None = Field(
        None, max_length=FIELDS["telefon"].max_length, description="Für kurzfristige Änderungen (freiwillig)"
    )
    personen: int = Field(
        ge=FIELDS["personen"].min_value,
        description="Anzahl der Personen; nie mehr, als ein Anschluss buchen darf und der Termin hat",
    )
    nachricht: str | None = Field(
        None, max_length=FIELDS["nachricht"].max_length, description="Nachricht an den Anbieter (freiwillig)"
    )
    einwilligung: Literal[True] = Field(description="Einwilligung in die Speicherung der Angaben für diese Anmeldung")


class RegistrationCreated(StrictModel):
    id: int
    status: Literal[Registration.Status.CONFIRMED.value, Registration.Status.WAITING.value]
    termin: int = Field(description="ID des Termins")
    personen: int = Field(ge=1)


EXAMPLE = {"seite": 1, "name": "Erika Muster", "email": "erika@example.org", "personen": 1, "einwilligung": True}


@router.post(
    "api/v2/anmeldungen/",
    operation_id="register",
    url_name="api_anmeldungen",
    response={201: RegistrationCreated, 400: FormError, 405: FormError, 429: FormError, 503: FormError},
    summary="Anmeldung zu einem Angebot oder einer Veranstaltung",
    openapi_extra=documented_body(RegistrationRequest, EXAMPLE),
)
def register(request):
    """Meldet eine oder mehrere Personen für einen Termin an, wenn die Seite die Anmeldung über das Portal
    anbietet: mit freien Plätzen bestätigt (`bestaetigt`), sonst auf der Warteliste (`warteliste`), beides 201.
    Eine unbekannte Seite, eine Seite ohne Anmeldung über das Portal, ein abgesagter oder vergangener Termin
    und eine zweite Anmeldung derselben Adresse zum selben Termin ergeben 400 mit dem betroffenen Feld;
    503, wenn die Bestätigung nicht versendet werden konnte (dann ist nichts gespeichert)."""
    return views.api_register(request)
