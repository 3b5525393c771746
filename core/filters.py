"""Validated taxonomy filters for listing pages and the API.

Several values of one parameter combine with OR (``zielgruppe=senioren&zielgruppe=familien``),
different parameters combine with AND. Unknown values are errors, never silently ignored.
"""

from collections.abc import Callable
from functools import cached_property

from django import forms
from django.db import connection
from django.db.models import CharField, F, QuerySet, Value, Window
from django.db.models.functions import RowNumber
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from .forms import CheckboxList

# query parameter -> (model field on the page, label); the terms are the field's related model (taxonomy's terms,
# the providers), found on the page model, so that filtering needs none of the apps that define them
TAXONOMY_PARAMETERS = {
    "bereich": ("bereich", _("Bereich")),
    "lebenslage": ("lebenslagen", _("Lebenslage")),
    "zielgruppe": ("zielgruppen", _("Zielgruppe")),
    "ort": ("ort", _("Ort")),
    "anbieter": ("anbieter", _("Anbieter")),
    "barrierefrei": ("barrierefreiheit", _("Barrierefreiheit")),
}
FORMAT_CHOICES = [("praesenz", _("Präsenz")), ("online", _("Online")), ("hybrid", _("Hybrid"))]


# the SQL of term_lists() by the caller's key: compiled once per process
_term_lists_sql: dict[tuple, tuple[str, tuple]] = {}


def term_lists(key: str, querysets: Callable[[], dict[str, QuerySet]]) -> dict[str, list[tuple[str, str]]]:
    """(slug, name) of the terms of several lists (``querysets()``: name -> queryset), each in its queryset's order,
    read in one query: a ``UNION ALL`` that numbers each list's rows in its own order (the database's collation, as
    the querysets would sort them).

    The listings' filters and the search's facets read six lists each (Bereich to Barrierefreiheit): six queries,
    most of their time spent compiling SQL that never changes. This query is compiled once per process and
    ``key`` (which names the lists, and must change when they do) and only run per request.
    """
    cache_key = (connection.alias, connection.vendor, key)
    if cache_key not in _term_lists_sql:
        parts = []
        for name, queryset in querysets().items():
            order = [
                F(field[1:]).desc() if field.startswith("-") else F(field).asc()
                for field in (queryset.query.order_by or queryset.model._meta.ordering or ["pk"])
            ]
            parts.append(
                queryset.order_by()
                .annotate(
                    term_list=Value(name, output_field=CharField()),
                    position=Window(RowNumber(), order_by=order),
                )
                .values_list("term_list", "position", "slug", "name")
            )
        union = parts[0].union(*parts[1:], all=True)
        _term_lists_sql[cache_key] = (union.query.sql_with_params(), tuple(querysets()))
    (sql, params), names = _term_lists_sql[cache_key]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    lists = {name: [] for name in names}
    for name, _position, slug, label in sorted(rows, key=lambda row: (row[0], row[1])):
        lists[name].append((slug, label))
    return lists


class PreloadedChoiceIterator(ModelChoiceIterator):
    """The field's choices from the list its form read with the others (``term_lists``), not a query per field."""

    def _preloaded(self):
        preloaded = getattr(self.field, "preloaded_choices", None)
        return preloaded() if preloaded is not None else None

    def __iter__(self):
        choices = self._preloaded()
        if choices is None:
            yield from super().__iter__()
        else:
            yield from choices

    def __len__(self):
        choices = self._preloaded()
        return super().__len__() if choices is None else len(choices)

    def __bool__(self):
        choices = self._preloaded()
        return super().__bool__() if choices is None else bool(choices)


class SlugChoiceField(forms.ModelMultipleChoiceField):
    """Several terms chosen by slug, with an error message that names the parameter. Its checkboxes show the terms
    its form read for all its fields at once (``preloaded_choices``); a value sent is checked against the queryset."""

    iterator = PreloadedChoiceIterator
    preloaded_choices: Callable[[], list[tuple[str, str]]] | None = None

    def __init__(self, queryset, label, **kwargs):
        super().__init__(
            queryset=queryset,
            to_field_name="slug",
            required=False,
            label=label,
            widget=CheckboxList,
            error_messages={"invalid_choice": _("„%(value)s“ ist kein bekannter Wert.")},
            **kwargs,
        )


def page_has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def selectable_terms(model, field_name: str) -> QuerySet:
    """The terms a filter on ``field_name`` accepts: all of them, or only the active ones (providers)."""
    manager = model._meta.get_field(field_name).related_model.objects
    return manager.active() if hasattr(manager, "active") else manager.all()


class ListingFilterForm(forms.Form):
    """The filters a listing of ``model`` pages accepts; built for the model's own fields."""

    seite = forms.IntegerField(required=False, min_value=1, label=_("Seite"))

    def __init__(self, data, model, **kwargs):
        super().__init__(data, **kwargs)
        self.model = model
        for param, (field_name, label) in TAXONOMY_PARAMETERS.items():
            if page_has_field(model, field_name):
                self.fields[param] = SlugChoiceField(selectable_terms(model, field_name), label)
                self.fields[param].preloaded_choices = lambda param=param: self.term_choices[param]
        if page_has_field(model, "is_free"):
            self.fields["kostenlos"] = forms.BooleanField(required=False, label=_("nur kostenlose"))
            self.fields["format"] = forms.MultipleChoiceField(
                choices=FORMAT_CHOICES,
                required=False,
                label=_("Format"),
                widget=CheckboxList,
                error_messages={"invalid_choice": _("„%(value)s“ ist kein bekannter Wert.")},
            )

    @cached_property
    def term_choices(self) -> dict[str, list[tuple[str, str]]]:
        """(slug, name) of every taxonomy filter's terms, read in one query when the first of them is rendered."""
        fields = {param: field for param, field in self.fields.items() if isinstance(field, SlugChoiceField)}
        return term_lists(
            f"listing-filters:{self.model._meta.label}:{','.join(fields)}",
            lambda: {param: field.queryset for param, field in fields.items()},
        )

    def add_order_and_dates(self, sorts: dict, dated: bool) -> None:
        """A listing's sort order (``sorts``: parameter value -> label) and, if ``dated``, a date range."""
        if sorts:
            self.fields["sortierung"] = forms.ChoiceField(
                choices=list(sorts.items()),
                required=False,
                label=_("Sortierung"),
                error_messages={"invalid_choice": _("„%(value)s“ ist keine bekannte Sortierung.")},
            )
        if dated:
            for name, label in (("von", _("ab Datum")), ("bis", _("bis Datum"))):
                self.fields[name] = forms.DateField(
                    required=False,
                    label=label,
                    input_formats=["%Y-%m-%d", "%d.%m.%Y"],
                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                    error_messages={"invalid": _("Bitte ein Datum wie 2026-12-24 angeben.")},
                )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("von") and cleaned.get("bis") and cleaned["bis"] < cleaned["von"]:
            self.add_error("bis", _("Das Ende darf nicht vor dem Beginn liegen."))
        return cleaned

    def clean_kostenlos(self):
        raw = self.data.get("kostenlos", "")
        if raw not in ("", "0", "1", "true", "false", "ja", "nein", "on"):
            raise forms.ValidationError(_("Erlaubt sind „1“ oder „0“."))
        return raw in ("1", "true", "ja", "on")

    def error_message(self) -> str:
        """All errors in one line, each naming its parameter — for 400 answers."""
        return "; ".join(f"{name}: {' '.join(errors)}" for name, errors in self.errors.items())

    @property
    def active_filters(self) -> list[tuple[str, str]]:
        """(parameter, value, label) of every value in force, for 'remove this filter' links."""
        active = []
        for param in TAXONOMY_PARAMETERS:
            terms = self.cleaned_data.get(param)
            for term in terms if _chosen(terms) else []:
                active.append((param, term.slug, str(term)))
        if self.cleaned_data.get("kostenlos"):
            active.append(("kostenlos", "1", str(_("kostenlos"))))
        for value in self.cleaned_data.get("format") or []:
            active.append(("format", value, str(dict(FORMAT_CHOICES)[value])))
        for param, prefix in (("von", _("ab")), ("bis", _("bis"))):
            if self.cleaned_data.get(param):
                active.append((param, self.data.get(param, ""), f"{prefix} {self.cleaned_data[param]:%d.%m.%Y}"))
        return active


def _chosen(terms) -> bool:
    """Whether a filter has values, without reading them: a filter not used is an empty queryset (``none()``), a
    used one a queryset of the terms chosen (the form checked that each exists) — read as the sub-query below."""
    if isinstance(terms, QuerySet):
        return not terms.query.is_empty()
    return bool(terms)


def apply_listing_filters(queryset: QuerySet, cleaned_data: dict) -> QuerySet:
    """Narrow ``queryset`` by the validated filters: OR within a parameter, AND across."""
    for param, (field_name, _label) in TAXONOMY_PARAMETERS.items():
        terms = cleaned_data.get(param)
        if _chosen(terms):
            # a sub-query keeps the outer query free of duplicates without DISTINCT
            matching = queryset.model.objects.filter(**{f"{field_name}__in": terms}).values("pk")
            queryset = queryset.filter(pk__in=matching)
    if cleaned_data.get("kostenlos"):
        queryset = queryset.filter(is_free=True)
    if cleaned_data.get("format"):
        queryset = queryset.filter(format__in=cleaned_data["format"])
    return queryset
