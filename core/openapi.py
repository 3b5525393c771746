"""Pieces of the generated OpenAPI description (cms/api.py) that the portal's ninja routers share.

The portal's endpoints validate with the code that gives German messages naming the field (search.params,
the forms behind security.jsonapi); their query parameters and request bodies are described by pydantic
models built from the same constants, so the description is generated from code. ``documented_query`` and
``documented_body`` turn such a model into the ``openapi_extra`` of a ninja operation; ``schema_ref`` names a
model the description carries in ``components.schemas`` (``DOCUMENTED_MODELS``).
"""

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

REF_PREFIX = "#/components/schemas/"
MEDIA_TYPE = "x-media-type"  # in openapi_extra: the 200 answer's media type, when it is not application/json
DOCUMENTED_MODELS: dict[str, type[BaseModel]] = {}

Uri = Annotated[str, Field(json_schema_extra={"format": "uri"})]
# slugs of the taxonomies; the served description lists the real ones as ``enum`` (cms.api.PortalAPI)
SLUG_PATTERN = r"^[a-z0-9-]{1,100}$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]


class StrictModel(BaseModel):
    """Request and answer shapes: no member that is not described."""

    model_config = ConfigDict(extra="forbid")


class ApiError(BaseModel):
    """An error outside the forms: 404, 500 and the like (Wagtail's API v2 may add members)."""

    message: str = Field(description="Deutsche Meldung")


class FormError(StrictModel):
    """The refusal of a form endpoint (security.jsonapi); also every 405 under /api/."""

    message: str = Field(description="Die erste Meldung, mit dem Feld davor (`email: …`)")
    field: str | None = Field(description="Das erste betroffene Feld; null: die Anfrage als Ganzes")
    errors: dict[str, Annotated[list[str], Field(min_length=1)]] = Field(
        min_length=1, description="Feld (oder `__all__`) → deutsche Meldungen"
    )


class Accepted(StrictModel):
    message: str = Field(description="Deutsche Bestätigung für die Person, die das Formular abgeschickt hat")


def schema_ref(model: type[BaseModel]) -> dict:
    DOCUMENTED_MODELS[model.__name__] = model
    return {"$ref": REF_PREFIX + model.__name__}


def component_schemas() -> dict[str, dict]:
    """The JSON Schemas of every model named with ``schema_ref``, nested models included."""
    schemas = {}
    for name, model in list(DOCUMENTED_MODELS.items()):
        schema = model.model_json_schema(ref_template=REF_PREFIX + "{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[name] = schema
    return schemas


def _without_titles(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {key: _without_titles(value) for key, value in schema.items() if key != "title"}
    if isinstance(schema, list):
        return [_without_titles(value) for value in schema]
    return schema


EMPTY = {"type": "string", "maxLength": 0}


def query_parameters(model: type[BaseModel], *, empty_is_absent: bool = False) -> list[dict]:
    """A model's fields as OpenAPI query parameters; lists repeat the parameter (``ort=a&ort=b``).

    ``empty_is_absent``: an empty value counts as not given (``?von=&ort=``, as an HTML form sends it).
    """
    schema = model.model_json_schema(ref_template=REF_PREFIX + "{model}")
    required = set(schema.get("required", ()))
    parameters = []
    for name, field_schema in schema["properties"].items():
        field_schema = _without_titles(field_schema)
        alternatives = [a for a in field_schema.pop("anyOf", ()) if a != {"type": "null"}]  # None: left out
        if len(alternatives) == 1:
            field_schema.update(alternatives[0])
        elif alternatives:
            field_schema["anyOf"] = alternatives
        parameter = {"name": name, "in": "query", "required": name in required}
        if "description" in field_schema:
            parameter["description"] = field_schema.pop("description")
        if "examples" in field_schema:
            parameter["example"] = field_schema.pop("examples")[0]
        if field_schema.get("default", 0) in ([], None, ""):
            del field_schema["default"]  # "not given", which a query string says by leaving it out
        if field_schema.get("type") == "array":
            parameter.update(style="form", explode=True)
            if empty_is_absent:
                field_schema["items"] = {"anyOf": [field_schema["items"], EMPTY]}
        elif empty_is_absent:
            field_schema = {"anyOf": [field_schema, EMPTY]}
        parameter["schema"] = field_schema
        parameters.append(parameter)
    return parameters


def documented_query(model: type[BaseModel], *, empty_is_absent: bool = False) -> dict:
    return {"parameters": query_parameters(model, empty_is_absent=empty_is_absent)}


def documented_body(model: type[BaseModel], example: dict) -> dict:
    """A JSON request body described by ``model``; the operation reads it with security.jsonapi."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema_ref(model), "example": example}},
        }
    }
