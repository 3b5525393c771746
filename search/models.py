"""The search's own records: the documents the database engine searches, and the query log."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One visible offer, event or article, flattened for search (the database engine's index).

    Elasticsearch holds the same documents; this table is also the fallback when it is down.
    """

    # An index row, not data: no database constraint, so that it can be bulk-(re)built on its own
    # (and benchmarked with synthetic rows); Django's cascade still removes it with its page.
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+", db_constraint=False
    )
    typ = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=255)
    teaser = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    # analysed terms (search.text.analyze), space-padded so that " term " matches whole terms
    text_terms = models.TextField()
    # per field: words as written, stemmed, with compound parts ("t=kurse t:kurs t~kurs"), for the score
    field_terms = models.TextField(default="")
    title_words = models.TextField()  # folded but unstemmed, for autocomplete prefixes
    anbieter_name = models.CharField(max_length=200, blank=True)
    ort_name = models.CharField(max_length=100, blank=True)
    date_from = models.DateField(null=True, db_index=True)
    date_to = models.DateField(null=True, db_index=True)
    sort_at = models.DateTimeField(null=True, db_index=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    rating = models.FloatField(null=True, db_index=True)  # average stars over all criteria (feedback)
    rating_count = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Suchdokument")
        verbose_name_plural = _("Suchdokumente")


class SearchDocumentTerm(models.Model):
    """One facet value of a document, e.g. (zielgruppe, senioren)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="terms")
    facet = models.CharField(max_length=20)
    slug = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["facet", "slug"]), models.Index(fields=["document", "facet"])]
        constraints = [models.UniqueConstraint(fields=["document", "facet", "slug"], name="unique_document_term")]


class SearchVocabulary(models.Model):
    """Every analysed term seen in the documents, for typo-tolerant matching in the database engine."""

    term = models.CharField(max_length=100, unique=True)


class SearchQueryLog(models.Model):
    """A search residents made: what they looked for and how much they found. Nothing personal."""

    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    query = models.CharField(_("Suchbegriff"), max_length=200, blank=True)
    filters = models.JSONField(_("Filter"), default=dict, blank=True)
    result_count = models.PositiveIntegerField(_("Treffer"))
    source = models.CharField(_("Quelle"), max_length=10, choices=[("html", _("Website")), ("api", _("API"))])
    engine = models.CharField(_("Suchmaschine"), max_length=20)
    degraded = models.BooleanField(_("eingeschränkt"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Suchanfrage")
        verbose_name_plural = _("Suchanfragen")

    def __str__(self) -> str:
        return f"{self.query or '(ohne Suchbegriff)'} – {self.result_count}"


class SearchSynonym(models.Model):
    """Words that mean the same to residents, kept by the service office; added to the shipped list."""

    words = models.CharField(
        _("Wörter"),
        max_length=500,
        help_text=_(
            "Durch Kommas getrennt, z. B. „Handy, Smartphone, Mobiltelefon“. Die Suche findet zu jedem Wort "
            "auch die anderen."
        ),
    )

    class Meta:
        verbose_name = _("Synonym der Suche")
        verbose_name_plural = _("Synonyme der Suche")

    def __str__(self) -> str:
        return self.words


class PendingIndexUpdate(models.Model):
    """A page whose Elasticsearch entry may not match the database yet (search/indexing.py).

    Written in the transaction of the change whenever Elasticsearch is configured, deleted once the
    page's current state has reached the node: what is left is the backlog an outage caused. The row
    names only the page: a replay indexes whatever the page is by then (or removes it), so order and
    repetition don't matter.
    """

    page_id = models.IntegerField(db_index=True)  # no foreign key: the row outlives a deleted page
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Ausstehende Indexänderung")
        verbose_name_plural = _("Ausstehende Indexänderungen")


class SearchClick(models.Model):
    """A result residents opened from the search (for autocomplete's ranking): which page, for which search
    term. Nothing personal."""

    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    query = models.CharField(_("Suchbegriff"), max_length=200, blank=True)
    page_id = models.PositiveIntegerField(_("Seite"), db_index=True)  # no constraint: a log, kept when pages go

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Aufgerufener Treffer")
        verbose_name_plural = _("Aufgerufene Treffer")
