"""Submitting admin forms the way a browser would."""

from bs4 import BeautifulSoup


def form_values(html: str) -> dict:
    """What a browser would submit from the page's main form, before any change."""
    forms = [
        form for form in BeautifulSoup(html, "html.parser").find_all("form") if form.get("method", "").lower() == "post"
    ]
    form = max(forms, key=lambda candidate: len(candidate.find_all(["input", "textarea", "select"])))
    data: dict[str, list[str]] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "select":
            values = [
                option.get("value", option.text) for option in field.find_all("option") if option.has_attr("selected")
            ]
        elif field.get("type") in ("checkbox", "radio"):
            values = [field.get("value", "on")] if field.has_attr("checked") else []
        elif field.name == "textarea":
            values = [field.text.lstrip("\n")]
        else:
            values = [field.get("value", "")]
        data.setdefault(name, []).extend(values)
    return data
