"""GET /health/ on a ninja router (mounted by cms/api.py), described in the generated OpenAPI description."""

from typing import Literal

from ninja import Router
from pydantic import BaseModel, ConfigDict

from core.openapi import FormError

from . import views

router = Router(tags=["Betrieb"])


class CheckResult(BaseModel):
    """A check's status and details (timing, engine, cluster state)."""

    model_config = ConfigDict(extra="allow")
    status: Literal["ok", "degraded", "unavailable"]


class Checks(BaseModel):
    model_config = ConfigDict(extra="forbid")
    database: CheckResult
    search: CheckResult


class Health(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Literal["ok", "degraded", "unavailable"]
    checks: Checks


@router.api_operation(
    ["GET", "HEAD"],
    "health/",
    operation_id="health",
    url_name="health",
    response={200: Health, 503: Health, 405: FormError},
    summary="Zustand für Lastverteiler und Überwachung",
)
def health(request):
    """200, solange die Datenbank antwortet (die Suche darf eingeschränkt sein, `degraded`), sonst 503."""
    return views.health(request)
