"""schema.org JSON-LD for events, offers (courses) and providers, with what rich results require.

Events: name, startDate, location (Place with PostalAddress, or VirtualLocation), plus endDate,
eventStatus, eventAttendanceMode, organizer, offers (price, priceCurrency EUR) and image where known.
Offers: Course with provider, offers (category) and hasCourseInstance (courseMode and schedule).
Every url is on the canonical base (``core.canonical``), whatever host the request came in on.
"""

import datetime

from django.utils import timezone

from core.canonical import absolute_url, page_url

SCHEMA = "https://schema.org/"
ATTENDANCE = {"praesenz": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
              "hybrid": "MixedEventAttendanceMode"}
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
    place = {"@type": "Place", "name": page.venue_name or (page.ort.name if page.ort else ""),
             "address": _address(page.street, page.postal_code, page.ort)}
    if page.coordinates:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": page.coordinates[0], "longitude": page.coordinates[1]}
    if page.format == "hybrid":
        return [place, {"@type": "VirtualLocation", "url": page.registration_url or page_url(page)}]
    return place


def _offers(page, request, **extra) -> dict:
    offer = {"@type": "Offer", "url": page.registration_url or page_url(page), "priceCurrency": "EUR",
             "availability": f"{SCHEMA}InStock", **extra}
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
    instance = {"@type": "CourseInstance", "courseMode": COURSE_MODE.get(page.format, "Onsite"), "location": _place(page, request)}
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


def course(page, request) -> dict:
    if page.schedule == "termine" and page.dates.all():
        instances = [_course_instance(page, request, d.start, d.end) for d in page.dates.all()]
    else:
        instances = [_course_instance(page, request, page.start_date, page.end_date)]
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
