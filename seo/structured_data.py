"""schema.org JSON-LD for events, offers (courses), articles, providers and the home page, with what rich
results require.

Events: name, startDate, location (Place with PostalAddress, or VirtualLocation), plus endDate,
eventStatus, eventAttendanceMode, organizer, offers (price, priceCurrency EUR) and image where known.
Offers: Course with provider, offers (category) and hasCourseInstance (courseMode and schedule).
Articles: NewsArticle with headline, datePublished (the article's date), dateModified, author, publisher
(the provider, or the service office) and image. Home page: WebSite with a SearchAction for /suche/, and
the service office as GovernmentOrganization.
Every url is on the canonical base (``core.canonical``), whatever host the request came in on.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.canonical import absolute_url, page_url

SCHEMA = "https://schema.org/"
# The service office of the district (the footer of base.html names it the same way).
OFFICE_NAME = "Koordinierungs- und Servicebüro 3L Elbe-Elster"
OFFICE_ADDRESS = {
    "@type": "PostalAddress",
    "streetAddress": "Ludwig-Jahn-Straße 2",
    "postalCode": "04916",
    "addressLocality": "Herzberg (Elster)",
    "addressRegion": "Brandenburg",
    "addressCountry": "DE",
}
ATTENDANCE = {
    "praesenz": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}
COURSE_MODE = {"praesenz": "Onsite", "online": "Online", "hybrid": "Blended"}


def _iso(value) -> str:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def organization(provider, request) -> dict:
    data = {"@type": "Organization", "name": provider.name, "url": absolute_url(provider.get_absolute_url())}
    if provider.website:
        data["sameAs"] = [provider.website]
    if provider.email:
        data["email"] = provider.email
    if provider.phone:
        data["telephone"] = provider.phone
    if provider.street or provider.ort_id:
        data["address"] = _address(provider.street, provider.postal_code, provider.ort)
    if provider.logo_id:
        data["logo"] = absolute_url(provider.logo.get_rendition("max-400x400").url)
    return data


def organization_document(provider, request) -> dict:
    return {"@context": "https://schema.org", **organization(provider, request)}


def _address(street, postal_code, ort) -> dict:
    address = {"@type": "PostalAddress", "addressRegion": "Brandenburg", "addressCountry": "DE"}
    if street:
        address["streetAddress"] = street
    if postal_code or (ort and ort.postal_code):
        address["postalCode"] = postal_code or ort.postal_code
    if ort:
        address["addressLocality"] = ort.name
    return address


def _place(page, request) -> dict:
    if page.format == "online":
        return {"@type": "VirtualLocation", "url": page.registration_url or page_url(page)}
    place = {
        "@type": "Place",
        "name": page.venue_name or (page.ort.name if page.ort else ""),
        "address": _address(page.street, page.postal_code, page.ort),
    }
    if page.coordinates:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": page.coordinates[0], "longitude": page.coordinates[1]}
    if page.format == "hybrid":
        return [place, {"@type": "VirtualLocation", "url": page.registration_url or page_url(page)}]
    return place


def _offers(page, request, **extra) -> dict:
    offer = {
        "@type": "Offer",
        "url": page.registration_url or page_url(page),
        "priceCurrency": "EUR",
        "availability": f"{SCHEMA}InStock",
        **extra,
    }
    if page.is_free:
        offer["price"] = "0"
    elif page.price is not None:
        offer["price"] = f"{page.price:.2f}"
    return offer


def _common(page, request) -> dict:
    data = {"name": page.title, "description": page.teaser, "url": page_url(page)}
    if page.image_id:
        data["image"] = [absolute_url(page.image.get_rendition("fill-1200x675").url)]
    if page.anbieter_id:
        data["organizer" if page._meta.model_name == "eventpage" else "provider"] = organization(page.anbieter, request)
    return data


def event(page, request) -> dict:
    occurrence = page.next_occurrence or (page.occurrences()[-1:] or [None])[0]
    start = occurrence.start if occurrence else page.start
    end = occurrence.end if occurrence else page.end
    moved = bool(occurrence and occurrence.moved)
    data = {
        "@context": "https://schema.org",
        "@type": "EducationEvent" if page.bereich_id and page.bereich.slug == "bildung" else "Event",
        **_common(page, request),
        "startDate": _iso(start.date() if page.all_day else start),
        "eventStatus": f"{SCHEMA}{'EventRescheduled' if moved else 'EventScheduled'}",
        "eventAttendanceMode": f"{SCHEMA}{ATTENDANCE.get(page.format, ATTENDANCE['praesenz'])}",
        "location": _place(page, request),
        "isAccessibleForFree": bool(page.is_free),
    }
    if moved:
        data["previousStartDate"] = _iso(occurrence.original_start)
    if end:
        data["endDate"] = _iso(end.date() if page.all_day else end)
    if page.is_free or page.price is not None:
        data["offers"] = _offers(page, request, validFrom=_iso(page.first_published_at or page.start))
    return data


def _course_instance(page, request, start, end) -> dict:
    instance = {
        "@type": "CourseInstance",
        "courseMode": COURSE_MODE.get(page.format, "Onsite"),
        "location": _place(page, request),
    }
    if start:
        instance["startDate"] = _iso(start)
    if end:
        instance["endDate"] = _iso(end)
    schedule = {"@type": "Schedule", "scheduleTimezone": "Europe/Berlin"}
    if start:
        schedule["startDate"] = _iso(start.date() if isinstance(start, datetime.datetime) else start)
    if end:
        schedule["endDate"] = _iso(end.date() if isinstance(end, datetime.datetime) else end)
    if page.schedule_note:
        schedule["description"] = page.schedule_note
    instance["courseSchedule"] = schedule
    return instance


SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _add_weekly_sessions(schedule: dict, sessions: list) -> None:
    """A period offer's sessions (derived from its "Zeiten") as schema.org Schedule: weekly on these days."""
    if not sessions:
        return
    first = timezone.localtime(sessions[0].start), timezone.localtime(sessions[0].end)
    days = sorted({timezone.localtime(session.start).weekday() for session in sessions})
    schedule.update(
        repeatFrequency="P1W",
        repeatCount=len(sessions),
        byDay=[f"https://schema.org/{SCHEMA_DAYS[day]}" for day in days],
        startTime=f"{first[0]:%H:%M}",
        endTime=f"{first[1]:%H:%M}",
    )


def course(page, request) -> dict:
    if page.schedule == "termine" and page.dates.all():
        instances = [_course_instance(page, request, d.start, d.end) for d in page.dates.all()]
    else:
        instances = [_course_instance(page, request, page.start_date, page.end_date)]
        _add_weekly_sessions(instances[0]["courseSchedule"], page.sessions)
    category = "Free" if page.is_free else "Paid"
    return {
        "@context": "https://schema.org",
        "@type": "Course",
        **_common(page, request),
        "inLanguage": "de",
        "isAccessibleForFree": bool(page.is_free),
        "offers": [_offers(page, request, category=category)],
        "hasCourseInstance": instances,
    }


# --- articles and the home page ---


def article_published_at(page) -> datetime.datetime:
    """An article's publication date is its own ``date``; the time of its first publication if that was on
    the same day, else the day's start in Europe/Berlin (feeds and JSON-LD agree on it)."""
    published = page.first_published_at and timezone.localtime(page.first_published_at)
    if published and published.date() == page.date:
        return published
    return datetime.datetime.combine(page.date, datetime.time(), tzinfo=timezone.get_current_timezone())


def service_office() -> dict:
    """The district's service office that runs the portal, as a GovernmentOrganization."""
    return {
        "@type": "GovernmentOrganization",
        "@id": absolute_url("/#servicebuero"),
        "name": OFFICE_NAME,
        "url": absolute_url("/"),
        "email": settings.SERVICE_OFFICE_EMAIL,
        "address": OFFICE_ADDRESS,
        "parentOrganization": {"@type": "GovernmentOrganization", "name": "Landkreis Elbe-Elster"},
    }


def news_article(page, request) -> dict:
    publisher = organization(page.anbieter, request) if page.anbieter_id else service_office()
    if page.author:
        author = {"@type": "Person", "name": page.author}
    else:
        author = publisher
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],  # longer headlines are cut by search engines anyway
        "description": page.teaser,
        "url": page_url(page),
        "mainEntityOfPage": page_url(page),
        "datePublished": _iso(article_published_at(page)),
        "dateModified": _iso(page.last_published_at or article_published_at(page)),
        "author": [author],
        "publisher": publisher,
        "inLanguage": "de",
    }
    if page.image_id:
        data["image"] = [absolute_url(page.image.get_rendition("fill-1200x675").url)]
    return data


def website(request) -> dict:
    """The portal as a WebSite whose search search engines may offer directly (SearchAction)."""
    search = absolute_url(reverse("search"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": absolute_url("/"),
        "inLanguage": "de",
        "publisher": {"@id": service_office()["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def service_office_document() -> dict:
    return {"@context": "https://schema.org", **service_office()}
