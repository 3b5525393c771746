"""StreamField body blocks for the texts set-up writes (accessibility statement, imprint, privacy notice)."""


def paragraphs(*paragraphs: str) -> dict:
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}


def bullets(*items: str) -> dict:
    return {"type": "paragraph", "value": "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"}


def heading(text: str) -> dict:
    return {"type": "heading", "value": text}
