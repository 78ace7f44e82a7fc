"""Pictures for the demo board, drawn with Pillow: a demo never fetches anything.

Each looks like a child's drawing (a school, a game, a festival) and carries no faces, as the
demo's own advice to teachers asks of children's photos.
"""

import io
import random

from PIL import Image, ImageDraw

SKY, GRASS, SUN = (186, 224, 250), (126, 196, 105), (255, 205, 60)


def _canvas(seed: str) -> tuple[Image.Image, ImageDraw.ImageDraw, random.Random]:
    image = Image.new("RGB", (800, 560), SKY)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 400, 800, 560), fill=GRASS)
    draw.ellipse((660, 30, 760, 130), fill=SUN)
    return image, draw, random.Random(seed)


def school(seed: str, wall=(230, 120, 90), roof=(150, 60, 50)) -> bytes:
    image, draw, rng = _canvas(seed)
    draw.rectangle((180, 220, 620, 430), fill=wall, outline=(60, 40, 30), width=4)
    draw.polygon([(160, 225), (400, 90), (640, 225)], fill=roof)
    for column in range(4):
        x = 215 + column * 100
        draw.rectangle((x, 260, x + 60, 320), fill=(250, 250, 235), outline=(60, 40, 30), width=3)
    draw.rectangle((370, 340, 430, 430), fill=(110, 70, 40))
    draw.line((400, 90, 400, 40), fill=(60, 40, 30), width=4)
    draw.polygon([(400, 40), (450, 55), (400, 70)], fill=(rng.randrange(256), 80, 160))
    for _ in range(6):  # flowers
        x = rng.randrange(20, 780)
        draw.ellipse((x, 470, x + 18, 488), fill=(rng.randrange(150, 256), 80, 120))
    return _png(image)


def game(seed: str) -> bytes:
    image, draw, rng = _canvas(seed)
    draw.rectangle((60, 420, 740, 540), outline=(255, 255, 255), width=5)
    draw.line((400, 420, 400, 540), fill=(255, 255, 255), width=5)
    draw.ellipse((375, 455, 425, 505), outline=(255, 255, 255), width=4)
    draw.ellipse((500, 380, 550, 430), fill=(250, 250, 250), outline=(20, 20, 20), width=3)
    # A kite on a string.
    draw.polygon(
        [(200, 80), (260, 150), (200, 220), (140, 150)], fill=(rng.randrange(256), 60, 200)
    )
    draw.line((200, 220, 300, 420), fill=(60, 60, 60), width=2)
    return _png(image)


def festival(seed: str) -> bytes:
    image, draw, rng = _canvas(seed)
    draw.rectangle((0, 0, 800, 400), fill=(40, 40, 90))
    for _ in range(40):  # lights
        x, y = rng.randrange(0, 800), rng.randrange(0, 380)
        colour = rng.choice([(255, 210, 80), (255, 120, 80), (140, 220, 255)])
        draw.ellipse((x, y, x + 10, y + 10), fill=colour)
    for x in range(60, 760, 90):  # lamps
        draw.polygon([(x, 440), (x + 40, 440), (x + 30, 470), (x + 10, 470)], fill=(200, 90, 40))
        draw.ellipse((x + 14, 420, x + 26, 442), fill=(255, 200, 60))
    return _png(image)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
