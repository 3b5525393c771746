"""Illustrations for the demo corpus, drawn with Pillow at build time (no files shipped, no internet).

Each key that the corpus names in `bild.datei` maps to a Bereich (its colours) and a motif (a simple
pictogram). ``draw_demo_image(key)`` returns an RGB picture in 3:2: a gradient in the Bereich's colours,
a soft pattern that differs per key, and the motif on a light disc. The same key always gives the same
picture, so re-importing the demo does not create new image versions.
"""

import hashlib
import math
import random

from PIL import Image, ImageDraw, ImageFilter

SIZE = (900, 600)
SCALE = 2  # the disc and its motif are drawn at twice the size and scaled down: smooth edges without anti-aliasing
DISC = 0.34  # the disc's radius, as a share of the height
LAYER = 1.3  # the motif's layer reaches a bit beyond the disc, for motifs that stick out of it

# Bereich -> (background from, background to, accent, motif colour)
PALETTES = {
    "bildung": ((31, 78, 140), (72, 149, 199), (255, 200, 87), (24, 52, 96)),
    "freizeit-kultur": ((214, 96, 59), (246, 170, 75), (255, 236, 179), (122, 44, 28)),
    "soziales": ((46, 125, 92), (128, 190, 120), (255, 224, 140), (25, 76, 55)),
}

# key -> (Bereich, motif)
IMAGE_KEYS = {
    "sprachen": ("bildung", "speech"),
    "beratung": ("soziales", "speech"),
    "ankommen": ("soziales", "house"),
    "willkommen": ("soziales", "door"),
    "computer": ("bildung", "screen"),
    "video": ("bildung", "clapper"),
    "energie": ("bildung", "house_sun"),
    "smartphone": ("bildung", "phone"),
    "tablet": ("bildung", "tablet"),
    "sicherheit": ("bildung", "lock"),
    "buecher": ("bildung", "books"),
    "lesung": ("freizeit-kultur", "open_book"),
    "programmheft": ("bildung", "tiles"),
    "kochbuch": ("freizeit-kultur", "open_book"),
    "musik": ("freizeit-kultur", "note"),
    "chor": ("freizeit-kultur", "note"),
    "klavier": ("freizeit-kultur", "keys"),
    "kirchenkonzert": ("freizeit-kultur", "church"),
    "kloster": ("freizeit-kultur", "church"),
    "pflege": ("soziales", "heart"),
    "ehrenamt": ("soziales", "heart"),
    "blutspende": ("soziales", "drop"),
    "erstehilfe": ("bildung", "cross"),
    "pflegegeld": ("soziales", "calendar"),
    "familie": ("soziales", "people"),
    "familiencafe": ("soziales", "cup"),
    "fruehstueck": ("soziales", "cup"),
    "senioren": ("soziales", "sun"),
    "seniorentanz": ("freizeit-kultur", "rings"),
    "yoga": ("bildung", "sun"),
    "garten": ("soziales", "plant"),
    "natur": ("bildung", "trees"),
    "heide": ("freizeit-kultur", "trees"),
    "wandern": ("freizeit-kultur", "hills"),
    "pilze": ("freizeit-kultur", "mushroom"),
    "kranich": ("freizeit-kultur", "birds"),
    "kraniche": ("freizeit-kultur", "birds"),
    "nacht": ("freizeit-kultur", "moon"),
    "advent": ("freizeit-kultur", "candle"),
    "weihnachten": ("freizeit-kultur", "star"),
    "jubilaeum": ("freizeit-kultur", "confetti"),
    "ball": ("freizeit-kultur", "discoball"),
    "dorffest": ("freizeit-kultur", "bunting"),
    "eisenbahnfest": ("freizeit-kultur", "train"),
    "eisenbahn": ("freizeit-kultur", "train"),
    "toepfermarkt": ("freizeit-kultur", "bunting"),
    "messe": ("bildung", "bunting"),
    "arbeit": ("bildung", "gear"),
    "reparatur": ("freizeit-kultur", "gear"),
    "fahrrad": ("freizeit-kultur", "bicycle"),
    "sport": ("freizeit-kultur", "ball"),
    "leichtathletik": ("freizeit-kultur", "medal"),
    "skate": ("freizeit-kultur", "ball"),
    "toepfern": ("freizeit-kultur", "vase"),
    "einkochen": ("freizeit-kultur", "jars"),
    "malen": ("freizeit-kultur", "palette"),
    "kinderkunst": ("freizeit-kultur", "palette"),
    "galerie": ("freizeit-kultur", "frames"),
    "ausstellung": ("freizeit-kultur", "frames"),
    "museum": ("freizeit-kultur", "columns"),
    "elbe": ("freizeit-kultur", "waves"),
    "foto": ("freizeit-kultur", "camera"),
    "portal": ("bildung", "pin"),
    "ernte": ("freizeit-kultur", "grain"),
    "feuerwehr": ("freizeit-kultur", "flame"),
    "buecherbus": ("bildung", "bus"),
    "jugend": ("freizeit-kultur", "headphones"),
    "tanz": ("freizeit-kultur", "people"),
}


def draw_demo_image(key: str, size: tuple[int, int] = SIZE) -> Image.Image:
    """The illustration for ``key`` (KeyError for a key the corpus does not use)."""
    bereich, motif = IMAGE_KEYS[key]
    start, end, accent, ink = PALETTES[bereich]
    rng = random.Random(int(hashlib.sha256(key.encode()).hexdigest(), 16))
    width, height = size
    # the background is soft (a gradient, a blurred pattern): drawn at half the size, scaled up once
    background = _gradient(width // 2, height // 2, start, end, angle=rng.uniform(0, math.pi))
    _pattern(background, rng, accent)
    image = background.resize((width, height), Image.Resampling.BICUBIC)
    # only the disc and the motif need the smooth edges of drawing large: a layer around them, not the whole picture
    r = int(height * SCALE * DISC)
    half = int(r * LAYER)
    layer = Image.new("RGBA", (2 * half, 2 * half), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    draw.ellipse((half - r, half - r, half + r, half + r), fill=(255, 251, 242, 255))
    MOTIFS[motif](draw, half, half, int(r * 0.62), ink, accent, rng)
    layer = layer.reduce(SCALE)  # each pixel the mean of SCALE x SCALE drawn ones: the edges' anti-aliasing
    image.paste(layer, (width // 2 - half // SCALE, height // 2 - half // SCALE), layer)
    return image


def _gradient(width, height, start, end, angle):
    """From ``start`` to ``end`` along ``angle``: the share of ``end`` worked out on a 64 x 64 grid, scaled up."""
    dx, dy = math.cos(angle), math.sin(angle)
    share = Image.new("L", (64, 64))
    share.putdata(
        [
            round(255 * min(max(((x - 32) * dx + (y - 32) * dy) / 90 + 0.5, 0.0), 1.0))
            for y in range(64)
            for x in range(64)
        ]
    )
    small = Image.composite(Image.new("RGB", (64, 64), end), Image.new("RGB", (64, 64), start), share)
    return small.resize((width, height), Image.Resampling.BICUBIC)


def _pattern(image, rng, accent):
    """Soft translucent circles or stripes, different for every key."""
    width, height = image.size
    overlay = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    if rng.random() < 0.6:
        for _ in range(rng.randint(7, 14)):
            r = rng.randint(height // 14, height // 4)
            x, y = rng.randint(0, width), rng.randint(0, height)
            colour = accent if rng.random() < 0.5 else (255, 255, 255)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(*colour, rng.randint(28, 70)))
    else:
        step = rng.randint(height // 10, height // 6)
        for offset in range(-height, width, step * 2):
            draw.polygon(
                [(offset, height), (offset + step, height), (offset + step + height, 0), (offset + height, 0)],
                fill=(255, 255, 255, rng.randint(18, 36)),
            )
    overlay = overlay.filter(ImageFilter.GaussianBlur(2))
    image.paste(overlay, (0, 0), overlay)


# --- motifs: each draws into a box of radius s around (x, y) ---


def _speech(d, x, y, s, ink, accent, rng):
    d.rounded_rectangle((x - s, y - s * 0.8, x + s * 0.5, y + s * 0.1), radius=s * 0.25, fill=ink)
    d.polygon([(x - s * 0.6, y + s * 0.05), (x - s * 0.75, y + s * 0.45), (x - s * 0.3, y + s * 0.05)], fill=ink)
    d.rounded_rectangle(
        (x - s * 0.3, y - s * 0.2, x + s, y + s * 0.7), radius=s * 0.25, fill=accent, outline=ink, width=6
    )
    d.polygon([(x + s * 0.55, y + s * 0.65), (x + s * 0.75, y + s), (x + s * 0.3, y + s * 0.65)], fill=accent)
    for i in range(3):
        cx = x + s * (0.05 + 0.3 * i)
        d.ellipse((cx - 12, y + s * 0.25 - 12, cx + 12, y + s * 0.25 + 12), fill=ink)


def _house(d, x, y, s, ink, accent, rng):
    d.polygon([(x - s, y - s * 0.05), (x, y - s), (x + s, y - s * 0.05)], fill=ink)
    d.rectangle((x - s * 0.75, y - s * 0.05, x + s * 0.75, y + s), fill=accent, outline=ink, width=6)
    d.rectangle((x - s * 0.18, y + s * 0.35, x + s * 0.18, y + s), fill=ink)
    d.rectangle((x - s * 0.6, y + s * 0.15, x - s * 0.32, y + s * 0.45), fill=ink)
    d.rectangle((x + s * 0.32, y + s * 0.15, x + s * 0.6, y + s * 0.45), fill=ink)


def _door(d, x, y, s, ink, accent, rng):
    d.rounded_rectangle((x - s * 0.6, y - s, x + s * 0.6, y + s), radius=s * 0.5, fill=ink)
    d.polygon(
        [(x - s * 0.5, y - s * 0.55), (x + s * 0.2, y - s * 0.75), (x + s * 0.2, y + s), (x - s * 0.5, y + s)],
        fill=accent,
    )
    d.ellipse((x + s * 0.02, y + s * 0.05, x + s * 0.14, y + s * 0.17), fill=ink)
    d.rectangle((x - s, y + s * 0.9, x + s, y + s), fill=ink)


def _house_sun(d, x, y, s, ink, accent, rng):
    _sun(d, x + s * 0.55, y - s * 0.55, s * 0.45, ink, accent, rng)
    _house(d, x - s * 0.15, y + s * 0.15, s * 0.8, ink, accent, rng)


def _screen(d, x, y, s, ink, accent, rng):
    d.rounded_rectangle((x - s, y - s * 0.75, x + s, y + s * 0.55), radius=18, fill=ink)
    d.rectangle((x - s * 0.88, y - s * 0.63, x + s * 0.88, y + s * 0.43), fill=(255, 251, 242))
    for i, h in enumerate((0.3, 0.55, 0.4, 0.8)):
        left = x - s * 0.7 + i * s * 0.38
        d.rectangle((left, y + s * 0.35 - s * h, left + s * 0.25, y + s * 0.35), fill=accent, outline=ink, width=4)
    d.rectangle((x - s * 0.15, y + s * 0.55, x + s * 0.15, y + s * 0.8), fill=ink)
    d.rounded_rectangle((x - s * 0.5, y + s * 0.8, x + s * 0.5, y + s * 0.92), radius=8, fill=ink)


def _clapper(d, x, y, s, ink, accent, rng):
    d.rectangle((x - s, y - s * 0.35, x + s, y + s * 0.8), fill=ink)
    d.polygon(
        [(x - s, y - s * 0.45), (x + s * 0.95, y - s * 0.95), (x + s, y - s * 0.7), (x - s * 0.95, y - s * 0.2)],
        fill=accent,
        outline=ink,
    )
    for i in range(4):
        left = x - s * 0.8 + i * s * 0.45
        d.polygon(
            [
                (left, y - s * 0.35),
                (left + s * 0.2, y - s * 0.35),
                (left + s * 0.35, y - s * 0.05),
                (left + s * 0.15, y - s * 0.05),
            ],
            fill=accent,
        )


def _phone(d, x, y, s, ink, accent, rng):
    d.rounded_rectangle((x - s * 0.5, y - s, x + s * 0.5, y + s), radius=s * 0.15, fill=ink)
    d.rectangle((x - s * 0.42, y - s * 0.82, x + s * 0.42, y + s * 0.75), fill=accent)
    d.ellipse((x - s * 0.07, y + s * 0.8, x + s * 0.07, y + s * 0.94), fill=accent)
    d.rounded_rectangle((x - s * 0.3, y - s * 0.6, x + s * 0.25, y - s * 0.3), radius=12, fill=(255, 251, 242))
    d.rounded_rectangle((x - s * 0.2, y - s * 0.15, x + s * 0.32, y + s * 0.15), radius=12, fill=ink)


def _tablet(d, x, y, s, ink, accent, rng):
    d.rounded_rectangle((x - s, y - s * 0.7, x + s, y + s * 0.7), radius=s * 0.12, fill=ink)
    d.rectangle((x - s * 0.85, y - s * 0.58, x + s * 0.85, y + s * 0.58), fill=accent)
    _heart(d, x, y, s * 0.4, ink, accent, rng)


def _lock(d, x, y, s, ink, accent, rng):
    d.arc((x - s * 0.5, y - s, x + s * 0.5, y), 180, 360, fill=ink, width=int(s * 0.16))
    d.line((x - s * 0.42, y - s * 0.5, x - s * 0.42, y), fill=ink, width=int(s * 0.16))
    d.line((x + s * 0.42, y - s * 0.5, x + s * 0.42, y), fill=ink, width=int(s * 0.16))
    d.rounded_rectangle((x - s * 0.75, y - s * 0.1, x + s * 0.75, y + s), radius=20, fill=accent, outline=ink, width=8)
    d.ellipse((x - s * 0.12, y + s * 0.3, x + s * 0.12, y + s * 0.54), fill=ink)


def _books(d, x, y, s, ink, accent, rng):
    colours = [ink, accent, (200, 90, 80), (90, 150, 120), ink]
    for i in range(5):
        top = y + s - (i + 1) * s * 0.36
        inset = rng.uniform(0, 0.2) * s
        d.rounded_rectangle(
            (x - s + inset, top, x + s - inset * 0.5, top + s * 0.32),
            radius=8,
            fill=colours[i % len(colours)],
            outline=ink,
            width=3,
        )
    _star(d, x + s * 0.55, y - s * 0.95, s * 0.3, ink, accent, rng)


def _open_book(d, x, y, s, ink, accent, rng):
    d.polygon(
        [(x, y - s * 0.5), (x - s, y - s * 0.7), (x - s, y + s * 0.7), (x, y + s * 0.9)], fill=accent, outline=ink
    )
    d.polygon(
        [(x, y - s * 0.5), (x + s, y - s * 0.7), (x + s, y + s * 0.7), (x, y + s * 0.9)],
        fill=(255, 244, 220),
        outline=ink,
    )
    d.line((x, y - s * 0.5, x, y + s * 0.9), fill=ink, width=6)
    for i in range(4):
        off = y - s * 0.35 + i * s * 0.28
        d.line((x - s * 0.8, off, x - s * 0.15, off + s * 0.1), fill=ink, width=5)
        d.line((x + s * 0.15, off + s * 0.1, x + s * 0.8, off), fill=ink, width=5)


def _tiles(d, x, y, s, ink, accent, rng):
    d.rounded_rectangle((x - s * 0.8, y - s, x + s * 0.8, y + s), radius=16, fill=ink)
    colours = [accent, (255, 251, 242), (120, 190, 230), (240, 140, 100)]
    for row in range(3):
        for col in range(2):
            left, top = x - s * 0.65 + col * s * 0.68, y - s * 0.85 + row * s * 0.58
            d.rounded_rectangle((left, top, left + s * 0.6, top + s * 0.5), radius=10, fill=rng.choice(colours))


def _note(d, x, y, s, ink, accent, rng):
    d.line((x - s * 0.35, y + s * 0.55, x - s * 0.35, y - s * 0.75), fill=ink, width=int(s * 0.1))
    d.line((x + s * 0.65, y + s * 0.35, x + s * 0.65, y - s * 0.95), fill=ink, width=int(s * 0.1))
    d.polygon(
        [(x - s * 0.4, y - s * 0.8), (x + s * 0.7, y - s), (x + s * 0.7, y - s * 0.7), (x - s * 0.4, y - s * 0.5)],
        fill=ink,
    )
    d.ellipse((x - s * 0.8, y + s * 0.3, x - s * 0.3, y + s * 0.75), fill=accent, outline=ink, width=8)
    d.ellipse((x + s * 0.2, y + s * 0.1, x + s * 0.7, y + s * 0.55), fill=accent, outline=ink, width=8)


def _keys(d, x, y, s, ink, accent, rng):
    d.rounded_rectangle((x - s, y - s * 0.4, x + s, y + s * 0.7), radius=12, fill=(255, 255, 255), outline=ink, width=8)
    for i in range(1, 7):
        d.line((x - s + i * s * 2 / 7, y - s * 0.4, x - s + i * s * 2 / 7, y + s * 0.7), fill=ink, width=5)
    for i in (1, 2, 4, 5, 6):
        cx = x - s + i * s * 2 / 7
        d.rectangle((cx - s * 0.09, y - s * 0.4, cx + s * 0.09, y + s * 0.2), fill=ink)
    d.arc((x - s * 0.8, y - s * 1.1, x + s * 0.2, y - s * 0.3), 200, 340, fill=accent, width=10)
    d.arc((x - s * 0.1, y - s * 1.2, x + s * 0.9, y - s * 0.4), 200, 340, fill=accent, width=10)


def _church(d, x, y, s, ink, accent, rng):
    d.rectangle((x - s * 0.25, y - s * 0.5, x + s * 0.25, y + s), fill=ink)
    d.polygon([(x - s * 0.3, y - s * 0.5), (x, y - s * 1.05), (x + s * 0.3, y - s * 0.5)], fill=ink)
    d.rectangle((x - s * 0.9, y, x + s * 0.9, y + s), fill=ink)
    d.polygon([(x - s, y), (x - s * 0.6, y - s * 0.35), (x + s * 0.6, y - s * 0.35), (x + s, y)], fill=ink)
    for cx in (x - s * 0.55, x + s * 0.55):
        d.rounded_rectangle((cx - s * 0.13, y + s * 0.2, cx + s * 0.13, y + s * 0.65), radius=s * 0.12, fill=accent)
    d.rounded_rectangle((x - s * 0.12, y - s * 0.3, x + s * 0.12, y + s * 0.05), radius=s * 0.1, fill=accent)
    d.rounded_rectangle((x - s * 0.15, y + s * 0.5, x + s * 0.15, y + s), radius=s * 0.1, fill=accent)


def _heart(d, x, y, s, ink, accent, rng):
    d.ellipse((x - s, y - s * 0.75, x + s * 0.05, y + s * 0.25), fill=(214, 69, 65))
    d.ellipse((x - s * 0.05, y - s * 0.75, x + s, y + s * 0.25), fill=(214, 69, 65))
    d.polygon([(x - s * 0.96, y - s * 0.1), (x, y + s), (x + s * 0.96, y - s * 0.1)], fill=(214, 69, 65))
    d.ellipse((x - s * 0.65, y - s * 0.5, x - s * 0.35, y - s * 0.2), fill=(255, 170, 160))


def _drop(d, x, y, s, ink, accent, rng):
    d.polygon([(x, y - s), (x - s * 0.62, y + s * 0.1), (x + s * 0.62, y + s * 0.1)], fill=(200, 40, 45))
    d.ellipse((x - s * 0.65, y - s * 0.3, x + s * 0.65, y + s), fill=(200, 40, 45))
    _heart(d, x, y + s * 0.3, s * 0.3, ink, accent, rng)


def _cross(d, x, y, s, ink, accent, rng):
    d.rounded_rectangle((x - s, y - s, x + s, y + s), radius=s * 0.2, fill=(255, 255, 255), outline=ink, width=6)
    d.rectangle((x - s * 0.2, y - s * 0.7, x + s * 0.2, y + s * 0.7), fill=(210, 30, 40))
    d.rectangle((x - s * 0.7, y - s * 0.2, x + s * 0.7, y + s * 0.2), fill=(210, 30, 40))


def _calendar(d, x, y, s, ink, accent, rng):
    d.rounded_rectangle((x - s, y - s * 0.75, x + s, y + s), radius=16, fill=(255, 255, 255), outline=ink, width=8)
    d.rectangle((x - s, y - s * 0.75, x + s, y - s * 0.35), fill=ink)
    for i in range(4):
        for j in range(3):
            cx, cy = x - s * 0.7 + i * s * 0.47, y - s * 0.1 + j * s * 0.37
            d.rectangle((cx - 10, cy - 10, cx + 10, cy + 10), fill=accent)
    _heart(d, x + s * 0.6, y + s * 0.65, s * 0.3, ink, accent, rng)


def _people(d, x, y, s, ink, accent, rng):
    for off, scale, colour in ((-0.6, 0.9, ink), (0.6, 0.8, ink), (0, 0.6, accent)):
        cx, h = x + off * s, s * scale
        d.ellipse((cx - h * 0.28, y + s - h * 1.9, cx + h * 0.28, y + s - h * 1.35), fill=colour, outline=ink, width=4)
        d.rounded_rectangle(
            (cx - h * 0.4, y + s - h * 1.25, cx + h * 0.4, y + s), radius=h * 0.3, fill=colour, outline=ink, width=4
        )


def _cup(d, x, y, s, ink, accent, rng):
    d.rounded_rectangle(
        (x - s * 0.7, y - s * 0.35, x + s * 0.4, y + s * 0.7), radius=s * 0.2, fill=accent, outline=ink, width=8
    )
    d.arc((x + s * 0.15, y - s * 0.15, x + s * 0.8, y + s * 0.45), 270, 90, fill=ink, width=12)
    d.ellipse((x - s, y + s * 0.65, x + s * 0.7, y + s * 0.95), outline=ink, width=8)
    for i in range(3):
        cx = x - s * 0.45 + i * s * 0.3
        d.arc((cx - s * 0.12, y - s, cx + s * 0.12, y - s * 0.45), 90, 270, fill=ink, width=7)


def _sun(d, x, y, s, ink, accent, rng):
    for i in range(12):
        a = i * math.pi / 6
        d.line(
            (x + math.cos(a) * s * 0.62, y + math.sin(a) * s * 0.62, x + math.cos(a) * s, y + math.sin(a) * s),
            fill=ink,
            width=max(4, int(s * 0.09)),
        )
    d.ellipse(
        (x - s * 0.5, y - s * 0.5, x + s * 0.5, y + s * 0.5), fill=accent, outline=ink, width=max(3, int(s * 0.06))
    )


def _rings(d, x, y, s, ink, accent, rng):
    for i, colour in enumerate((ink, accent, (170, 90, 170))):
        cx = x - s * 0.5 + i * s * 0.5
        cy = y + (s * 0.2 if i % 2 else -s * 0.1)
        d.ellipse((cx - s * 0.45, cy - s * 0.45, cx + s * 0.45, cy + s * 0.45), outline=colour, width=int(s * 0.13))


def _plant(d, x, y, s, ink, accent, rng):
    d.rectangle((x - s, y + s * 0.3, x + s, y + s), fill=(140, 90, 60), outline=ink, width=6)
    for cx in (x - s * 0.55, x, x + s * 0.55):
        d.line((cx, y + s * 0.3, cx, y - s * 0.3), fill=(40, 120, 60), width=8)
        d.ellipse((cx - s * 0.28, y - s * 0.6, cx, y - s * 0.2), fill=(70, 160, 80))
        d.ellipse((cx, y - s * 0.45, cx + s * 0.28, y - s * 0.05), fill=(70, 160, 80))
    _sun(d, x + s * 0.7, y - s * 0.85, s * 0.3, ink, accent, rng)


def _trees(d, x, y, s, ink, accent, rng):
    d.rectangle((x - s, y + s * 0.75, x + s, y + s), fill=(160, 100, 170))
    for cx, h in ((-0.55, 1.0), (0.05, 1.3), (0.6, 0.9)):
        px = x + cx * s
        d.rectangle((px - s * 0.05, y + s * 0.4, px + s * 0.05, y + s * 0.8), fill=(110, 70, 40))
        for k in range(3):
            top = y + s * 0.45 - h * s * (0.45 + k * 0.33)
            w = s * (0.35 - k * 0.08)
            d.polygon([(px - w, top + s * 0.45), (px, top), (px + w, top + s * 0.45)], fill=(40, 110, 70))


def _hills(d, x, y, s, ink, accent, rng):
    d.pieslice((x - s * 1.05, y, x + s * 0.35, y + s * 2), 180, 360, fill=(90, 150, 90))
    d.pieslice((x - s * 0.35, y - s * 0.2, x + s * 1.05, y + s * 1.8), 180, 360, fill=(60, 125, 75))
    d.rectangle((x - s * 1.05, y + s * 0.8, x + s * 1.05, y + s), fill=(60, 125, 75))
    d.line((x - s * 0.2, y + s, x + s * 0.3, y + s * 0.2), fill=(240, 220, 170), width=14)
    d.rectangle((x + s * 0.55, y - s * 0.7, x + s * 0.62, y + s * 0.1), fill=ink)
    d.polygon([(x + s * 0.62, y - s * 0.7), (x + s, y - s * 0.6), (x + s * 0.62, y - s * 0.5)], fill=accent)
    _sun(d, x - s * 0.55, y - s * 0.55, s * 0.3, ink, accent, rng)


def _mushroom(d, x, y, s, ink, accent, rng):
    for cx, h, colour in ((-0.4, 1.0, (150, 90, 50)), (0.45, 0.7, (190, 60, 50))):
        px = x + cx * s
        d.rounded_rectangle(
            (px - s * 0.14 * h, y + s * (1 - 0.9 * h), px + s * 0.14 * h, y + s),
            radius=10,
            fill=(245, 235, 210),
            outline=ink,
            width=4,
        )
        d.pieslice(
            (px - s * 0.5 * h, y + s * (1 - 1.3 * h), px + s * 0.5 * h, y + s * (1 - 0.4 * h)),
            180,
            360,
            fill=colour,
            outline=ink,
            width=4,
        )
    d.rectangle((x - s, y + s * 0.9, x + s, y + s), fill=(90, 140, 70))


def _birds(d, x, y, s, ink, accent, rng):
    for cx, cy, k in ((-0.35, -0.1, 1.0), (0.45, 0.3, 0.8), (0.25, -0.6, 0.65)):
        px, py, w = x + cx * s, y + cy * s, s * 0.6 * k
        d.line(
            (px - w, py - w * 0.45, px - w * 0.4, py - w * 0.1, px, py + w * 0.15),
            fill=ink,
            width=int(22 * k),
            joint="curve",
        )
        d.line(
            (px, py + w * 0.15, px + w * 0.45, py - w * 0.15, px + w, py - w * 0.5),
            fill=ink,
            width=int(22 * k),
            joint="curve",
        )
    d.ellipse((x - s * 0.9, y + s * 0.55, x - s * 0.5, y + s * 0.95), fill=accent)


def _moon(d, x, y, s, ink, accent, rng):
    d.ellipse((x - s * 0.7, y - s * 0.8, x + s * 0.5, y + s * 0.4), fill=accent)
    d.ellipse((x - s * 0.35, y - s * 0.95, x + s * 0.75, y + s * 0.15), fill=(255, 251, 242))
    for _ in range(5):
        sx, sy = x + rng.uniform(-0.9, 0.9) * s, y + rng.uniform(0.3, 0.95) * s
        _star(d, sx, sy, s * 0.12, ink, ink, rng)


def _candle(d, x, y, s, ink, accent, rng):
    for i, h in enumerate((0.9, 1.2, 1.0, 0.75)):
        cx = x - s * 0.66 + i * s * 0.44
        d.rectangle((cx - s * 0.13, y + s - h * s, cx + s * 0.13, y + s), fill=(200, 40, 45), outline=ink, width=4)
        d.ellipse((cx - s * 0.07, y + s - h * s - s * 0.28, cx + s * 0.07, y + s - h * s - s * 0.04), fill=accent)
    d.rectangle((x - s, y + s * 0.88, x + s, y + s), fill=(40, 110, 70))


def _star(d, x, y, s, ink, accent, rng):
    points = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        radius = s if i % 2 == 0 else s * 0.45
        points.append((x + math.cos(a) * radius, y + math.sin(a) * radius))
    d.polygon(points, fill=accent, outline=ink)


def _confetti(d, x, y, s, ink, accent, rng):
    for _ in range(40):
        cx, cy = x + rng.uniform(-1, 1) * s, y + rng.uniform(-1, 1) * s
        colour = rng.choice([ink, accent, (214, 69, 65), (90, 150, 200), (120, 180, 90)])
        d.rectangle((cx - 8, cy - 4, cx + 8, cy + 4), fill=colour)
    _star(d, x, y, s * 0.55, ink, accent, rng)


def _discoball(d, x, y, s, ink, accent, rng):
    d.line((x, y - s, x, y - s * 0.6), fill=ink, width=6)
    d.ellipse((x - s * 0.6, y - s * 0.6, x + s * 0.6, y + s * 0.6), fill=(190, 190, 205), outline=ink, width=6)
    for i in range(-2, 3):
        d.line((x - s * 0.6, y + i * s * 0.22, x + s * 0.6, y + i * s * 0.22), fill=ink, width=3)
        d.arc(
            (x - abs(i) * s * 0.15 - s * 0.1, y - s * 0.6, x + abs(i) * s * 0.15 + s * 0.1, y + s * 0.6),
            0,
            360,
            fill=ink,
            width=3,
        )
    for a in (0.3, 1.2, 2.4):
        _star(d, x + math.cos(a) * s * 0.85, y + math.sin(a) * s * 0.85, s * 0.12, ink, accent, rng)


def _bunting(d, x, y, s, ink, accent, rng):
    d.line((x - s * 1.1, y - s * 0.7, x, y - s * 0.4, x + s * 1.1, y - s * 0.7), fill=ink, width=5)
    colours = [(214, 69, 65), accent, (90, 150, 200), (120, 180, 90)]
    for i in range(6):
        t = i / 5
        px = x - s + t * 2 * s
        py = y - s * 0.7 + (1 - abs(t * 2 - 1)) * s * 0.3
        d.polygon([(px - s * 0.15, py), (px + s * 0.15, py), (px, py + s * 0.35)], fill=colours[i % 4])
    d.polygon([(x - s * 0.7, y + s), (x, y - s * 0.1), (x + s * 0.7, y + s)], fill=ink)
    d.polygon([(x - s * 0.25, y + s), (x, y + s * 0.4), (x + s * 0.25, y + s)], fill=accent)


def _train(d, x, y, s, ink, accent, rng):
    d.line((x - s, y + s * 0.75, x + s, y + s * 0.75), fill=ink, width=8)
    d.rectangle((x - s * 0.85, y - s * 0.2, x + s * 0.3, y + s * 0.5), fill=(40, 40, 50))
    d.rectangle((x + s * 0.3, y - s * 0.6, x + s * 0.85, y + s * 0.5), fill=(190, 40, 45))
    d.rectangle((x + s * 0.42, y - s * 0.45, x + s * 0.73, y - s * 0.15), fill=accent)
    d.rectangle((x - s * 0.65, y - s * 0.55, x - s * 0.45, y - s * 0.2), fill=(40, 40, 50))
    for cx in (x - s * 0.6, x - s * 0.15, x + s * 0.55):
        d.ellipse((cx - s * 0.2, y + s * 0.35, cx + s * 0.2, y + s * 0.75), fill=(190, 40, 45), outline=ink, width=5)
    for i, r in enumerate((0.12, 0.17, 0.22)):
        cx, cy = x - s * 0.55 - i * s * 0.15, y - s * 0.7 - i * s * 0.2
        d.ellipse((cx - r * s, cy - r * s, cx + r * s, cy + r * s), fill=(225, 225, 230))


def _gear(d, x, y, s, ink, accent, rng):
    for i in range(8):
        a = i * math.pi / 4
        d.line((x, y, x + math.cos(a) * s, y + math.sin(a) * s), fill=ink, width=int(s * 0.3))
    d.ellipse((x - s * 0.78, y - s * 0.78, x + s * 0.78, y + s * 0.78), fill=ink)
    d.ellipse((x - s * 0.32, y - s * 0.32, x + s * 0.32, y + s * 0.32), fill=accent)


def _bicycle(d, x, y, s, ink, accent, rng):
    for cx in (x - s * 0.55, x + s * 0.55):
        d.ellipse((cx - s * 0.42, y - s * 0.02, cx + s * 0.42, y + s * 0.82), outline=ink, width=9)
    d.line(
        (
            x - s * 0.55,
            y + s * 0.4,
            x - s * 0.05,
            y + s * 0.4,
            x + s * 0.25,
            y - s * 0.1,
            x - s * 0.25,
            y - s * 0.1,
            x - s * 0.55,
            y + s * 0.4,
        ),
        fill=accent,
        width=10,
    )
    d.line((x + s * 0.25, y - s * 0.1, x + s * 0.55, y + s * 0.4), fill=accent, width=10)
    d.line((x + s * 0.2, y - s * 0.3, x + s * 0.45, y - s * 0.3), fill=ink, width=8)
    for i in range(4):
        _star(d, x - s * 0.75 + i * s * 0.5, y - s * 0.75, s * 0.1, ink, (214, 100, 150), rng)


def _ball(d, x, y, s, ink, accent, rng):
    d.ellipse((x - s * 0.8, y - s * 0.8, x + s * 0.8, y + s * 0.8), fill=(255, 255, 255), outline=ink, width=8)
    d.regular_polygon((x, y, s * 0.3), 5, fill=ink)
    for i in range(5):
        a = -math.pi / 2 + i * 2 * math.pi / 5
        d.regular_polygon((x + math.cos(a) * s * 0.68, y + math.sin(a) * s * 0.68, s * 0.16), 5, fill=ink)
    for i in range(3):
        d.line((x - s * 1.15, y - s * 0.3 + i * s * 0.3, x - s * 0.88, y - s * 0.3 + i * s * 0.3), fill=accent, width=8)


def _medal(d, x, y, s, ink, accent, rng):
    d.polygon(
        [(x - s * 0.5, y - s), (x - s * 0.2, y - s), (x + s * 0.1, y - s * 0.1), (x - s * 0.2, y - s * 0.1)],
        fill=(60, 110, 190),
    )
    d.polygon(
        [(x + s * 0.5, y - s), (x + s * 0.2, y - s), (x - s * 0.1, y - s * 0.1), (x + s * 0.2, y - s * 0.1)],
        fill=(200, 50, 50),
    )
    d.ellipse((x - s * 0.5, y - s * 0.2, x + s * 0.5, y + s * 0.8), fill=accent, outline=ink, width=8)
    _star(d, x, y + s * 0.3, s * 0.25, ink, (255, 251, 242), rng)


def _vase(d, x, y, s, ink, accent, rng):
    d.ellipse((x - s * 0.65, y - s * 0.4, x + s * 0.65, y + s * 0.85), fill=(170, 100, 60), outline=ink, width=6)
    d.rectangle((x - s * 0.25, y - s * 0.85, x + s * 0.25, y - s * 0.3), fill=(170, 100, 60))
    d.ellipse((x - s * 0.35, y - s * 0.95, x + s * 0.35, y - s * 0.75), fill=(120, 70, 40), outline=ink, width=5)
    d.arc((x - s * 0.6, y, x + s * 0.6, y + s * 0.4), 0, 180, fill=(70, 110, 170), width=10)
    d.rectangle((x - s, y + s * 0.85, x + s, y + s), fill=ink)


def _jars(d, x, y, s, ink, accent, rng):
    for i, colour in enumerate(((200, 40, 60), (240, 180, 40), (120, 60, 120))):
        cx = x - s * 0.62 + i * s * 0.62
        d.rounded_rectangle(
            (cx - s * 0.27, y - s * 0.3, cx + s * 0.27, y + s * 0.9), radius=14, fill=colour, outline=ink, width=5
        )
        d.rectangle((cx - s * 0.24, y - s * 0.48, cx + s * 0.24, y - s * 0.3), fill=(230, 230, 235), outline=ink)
        d.rectangle((cx - s * 0.18, y + s * 0.15, cx + s * 0.18, y + s * 0.45), fill=(255, 251, 242))


def _palette(d, x, y, s, ink, accent, rng):
    d.ellipse((x - s, y - s * 0.7, x + s, y + s * 0.8), fill=(225, 190, 140), outline=ink, width=6)
    d.ellipse((x + s * 0.2, y + s * 0.15, x + s * 0.55, y + s * 0.5), fill=(255, 251, 242))
    for i, colour in enumerate(((214, 69, 65), (60, 110, 190), accent, (90, 160, 80), (160, 80, 170))):
        a = math.pi * (0.85 + i * 0.28)
        cx, cy = x + math.cos(a) * s * 0.6, y + math.sin(a) * s * 0.55
        d.ellipse((cx - s * 0.15, cy - s * 0.15, cx + s * 0.15, cy + s * 0.15), fill=colour)
    d.line((x + s * 0.1, y - s * 0.1, x + s * 0.95, y - s * 0.95), fill=ink, width=12)


def _frames(d, x, y, s, ink, accent, rng):
    d.line((x - s, y - s * 0.9, x + s, y - s * 0.9), fill=ink, width=5)
    for i, colour in enumerate((accent, (120, 170, 210), (214, 130, 100))):
        cx, top = x - s * 0.66 + i * s * 0.66, y - s * (0.5 - 0.15 * (i % 2))
        d.line((cx, y - s * 0.9, cx, top), fill=ink, width=3)
        d.rectangle((cx - s * 0.28, top, cx + s * 0.28, top + s * 0.75), fill=colour, outline=ink, width=8)
        d.ellipse((cx - s * 0.1, top + s * 0.15, cx + s * 0.1, top + s * 0.35), fill=(255, 251, 242))


def _columns(d, x, y, s, ink, accent, rng):
    d.polygon([(x - s, y - s * 0.45), (x, y - s), (x + s, y - s * 0.45)], fill=ink)
    d.rectangle((x - s, y + s * 0.8, x + s, y + s), fill=ink)
    for i in range(4):
        cx = x - s * 0.72 + i * s * 0.48
        d.rectangle((cx - s * 0.12, y - s * 0.4, cx + s * 0.12, y + s * 0.8), fill=accent, outline=ink, width=4)


def _waves(d, x, y, s, ink, accent, rng):
    for i in range(3):
        cy = y + s * 0.15 + i * s * 0.3
        for k in range(4):
            cx = x - s + k * s * 0.5
            d.arc((cx, cy - s * 0.15, cx + s * 0.5, cy + s * 0.15), 180, 360, fill=(50, 110, 180), width=9)
    d.polygon(
        [
            (x - s * 0.6, y - s * 0.1),
            (x + s * 0.6, y - s * 0.1),
            (x + s * 0.4, y + s * 0.1),
            (x - s * 0.4, y + s * 0.1),
        ],
        fill=ink,
    )
    d.rectangle((x - s * 0.3, y - s * 0.35, x + s * 0.2, y - s * 0.1), fill=accent, outline=ink, width=4)


def _camera(d, x, y, s, ink, accent, rng):
    d.rounded_rectangle((x - s, y - s * 0.45, x + s, y + s * 0.7), radius=20, fill=ink)
    d.rectangle((x - s * 0.35, y - s * 0.65, x + s * 0.25, y - s * 0.45), fill=ink)
    d.ellipse((x - s * 0.45, y - s * 0.35, x + s * 0.45, y + s * 0.55), fill=accent, outline=(255, 251, 242), width=10)
    d.ellipse((x - s * 0.2, y - s * 0.1, x + s * 0.2, y + s * 0.3), fill=ink)
    d.rectangle((x + s * 0.6, y - s * 0.3, x + s * 0.85, y - s * 0.15), fill=(255, 251, 242))


def _pin(d, x, y, s, ink, accent, rng):
    d.polygon(
        [
            (x - s * 0.9, y - s * 0.5),
            (x - s * 0.3, y - s * 0.7),
            (x + s * 0.3, y - s * 0.5),
            (x + s * 0.9, y - s * 0.7),
            (x + s * 0.9, y + s * 0.8),
            (x + s * 0.3, y + s),
            (x - s * 0.3, y + s * 0.8),
            (x - s * 0.9, y + s),
        ],
        fill=(200, 225, 190),
        outline=ink,
    )
    for px, py in ((-0.45, 0.1), (0.35, -0.15), (0.05, 0.5)):
        cx, cy = x + px * s, y + py * s
        d.ellipse(
            (cx - s * 0.16, cy - s * 0.45, cx + s * 0.16, cy - s * 0.13), fill=(214, 69, 65), outline=ink, width=3
        )
        d.polygon([(cx - s * 0.13, cy - s * 0.23), (cx, cy), (cx + s * 0.13, cy - s * 0.23)], fill=(214, 69, 65))


def _grain(d, x, y, s, ink, accent, rng):
    for off in (-0.35, 0, 0.35):
        px = x + off * s
        d.line((px, y + s, px + off * s * 0.4, y - s * 0.2), fill=(150, 120, 40), width=6)
        for k in range(5):
            ky = y - s * 0.2 - k * s * 0.16
            kx = px + off * s * 0.4
            d.ellipse((kx - s * 0.16, ky - s * 0.07, kx, ky + s * 0.07), fill=(220, 170, 50))
            d.ellipse((kx, ky - s * 0.07, kx + s * 0.16, ky + s * 0.07), fill=(220, 170, 50))
    _sun(d, x + s * 0.75, y + s * 0.5, s * 0.3, ink, accent, rng)


def _flame(d, x, y, s, ink, accent, rng):
    d.rounded_rectangle((x - s, y, x + s * 0.95, y + s * 0.65), radius=12, fill=(200, 30, 35))
    d.rectangle((x + s * 0.35, y - s * 0.3, x + s * 0.95, y + s * 0.1), fill=(200, 30, 35))
    d.rectangle((x + s * 0.45, y - s * 0.2, x + s * 0.85, y), fill=(200, 230, 245))
    d.line((x - s * 0.9, y - s * 0.1, x + s * 0.25, y - s * 0.45), fill=(190, 190, 195), width=12)
    for k in range(4):
        kx = x - s * 0.75 + k * s * 0.28
        d.line((kx, y - s * 0.13 - k * s * 0.08, kx + s * 0.05, y - s * 0.25 - k * s * 0.08), fill=ink, width=5)
    for cx in (x - s * 0.55, x + s * 0.55):
        d.ellipse((cx - s * 0.2, y + s * 0.5, cx + s * 0.2, y + s * 0.9), fill=ink)


def _bus(d, x, y, s, ink, accent, rng):
    d.rounded_rectangle(
        (x - s, y - s * 0.55, x + s, y + s * 0.55), radius=24, fill=(245, 190, 40), outline=ink, width=6
    )
    for i in range(4):
        left = x - s * 0.85 + i * s * 0.45
        d.rectangle((left, y - s * 0.4, left + s * 0.35, y), fill=(200, 230, 245), outline=ink, width=3)
        for b in range(3):
            d.rectangle(
                (left + s * 0.05 + b * s * 0.1, y - s * 0.18, left + s * 0.12 + b * s * 0.1, y),
                fill=rng.choice([(214, 69, 65), (60, 110, 190), (90, 160, 80)]),
            )
    for cx in (x - s * 0.55, x + s * 0.55):
        d.ellipse((cx - s * 0.2, y + s * 0.35, cx + s * 0.2, y + s * 0.75), fill=ink)


def _headphones(d, x, y, s, ink, accent, rng):
    d.arc((x - s * 0.8, y - s * 0.9, x + s * 0.8, y + s * 0.7), 180, 360, fill=ink, width=int(s * 0.14))
    for cx in (x - s * 0.72, x + s * 0.72):
        d.rounded_rectangle(
            (cx - s * 0.22, y - s * 0.1, cx + s * 0.22, y + s * 0.6), radius=20, fill=accent, outline=ink, width=8
        )
    for _ in range(4):
        _star(d, x + rng.uniform(-0.35, 0.35) * s, y + rng.uniform(-0.3, 0.8) * s, s * 0.12, ink, (214, 100, 150), rng)


MOTIFS = {
    "speech": _speech,
    "house": _house,
    "door": _door,
    "house_sun": _house_sun,
    "screen": _screen,
    "clapper": _clapper,
    "phone": _phone,
    "tablet": _tablet,
    "lock": _lock,
    "books": _books,
    "open_book": _open_book,
    "tiles": _tiles,
    "note": _note,
    "keys": _keys,
    "church": _church,
    "heart": _heart,
    "drop": _drop,
    "cross": _cross,
    "calendar": _calendar,
    "people": _people,
    "cup": _cup,
    "sun": _sun,
    "rings": _rings,
    "plant": _plant,
    "trees": _trees,
    "hills": _hills,
    "mushroom": _mushroom,
    "birds": _birds,
    "moon": _moon,
    "candle": _candle,
    "star": _star,
    "confetti": _confetti,
    "discoball": _discoball,
    "bunting": _bunting,
    "train": _train,
    "gear": _gear,
    "bicycle": _bicycle,
    "ball": _ball,
    "medal": _medal,
    "vase": _vase,
    "jars": _jars,
    "palette": _palette,
    "frames": _frames,
    "columns": _columns,
    "waves": _waves,
    "camera": _camera,
    "pin": _pin,
    "grain": _grain,
    "flame": _flame,
    "bus": _bus,
    "headphones": _headphones,
}
