"""Helpers for the XSS tests: payloads, and checks that a page shows them as text and never as markup."""

import json
import re

from bs4 import BeautifulSoup


def payload(marker: str) -> str:
    """An attack string (at most 50 characters) that is recognisable by ``marker`` when shown as text."""
    return f'"><script>alert({marker})</script><svg onload=alert({marker})>'


def script_payloads(html: str) -> list[str]:
    """Everything in ``html`` that a browser would run: inline scripts, event handlers, javascript: links."""
    soup = BeautifulSoup(html, "html.parser")
    found = [
        str(tag)[:80]
        for tag in soup.find_all("script")
        if not tag.get("src") and tag.get("type") not in ("application/json", "application/ld+json", "text/template")
    ]
    found += [f"{tag.name} {attr}" for tag in soup.find_all(True) for attr in tag.attrs if re.fullmatch(r"on\w+", attr)]
    found += [
        str(tag)[:80]
        for tag in soup.find_all(["a", "area", "form", "iframe"])
        if re.sub(r"\s", "", str(tag.get("href") or tag.get("action") or tag.get("src") or ""))
        .lower()
        .startswith(("javascript:", "data:text/html"))
    ]
    found += [str(tag)[:80] for tag in soup.find_all(["iframe", "object", "embed"])]
    return found


def assert_inert(html: str, where: str) -> None:
    found = script_payloads(html)
    assert not found, f"executable markup on {where}: {found}"


def shown_as_text(html: str, text: str) -> bool:
    """``text`` is visible in the page or sits in an attribute value: it was rendered, escaped."""
    soup = BeautifulSoup(html, "html.parser")
    if text in soup.get_text():
        return True
    return any(text in str(value) for tag in soup.find_all(True) for value in tag.attrs.values())


def assert_json_safe(response, where: str) -> None:
    """JSON is never interpreted as HTML by browsers when typed and not sniffed."""
    assert response["Content-Type"].startswith("application/json"), where
    assert response["X-Content-Type-Options"] == "nosniff", where
    json.loads(response.content)
