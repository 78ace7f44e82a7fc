"""Small sample files built in code, for the upload tests and every app's tests:
`uploaded(png(), "drawing.png")` is what a form's FileField hands to `clean_upload`;
`png_upload()`, `pdf_upload()` are ready-made uploads of a picture and a real PDF."""

import io
import struct
import zipfile
import zlib

from PIL import ExifTags, Image, ImageCms
from PIL.PngImagePlugin import PngInfo

# Where the sample photo claims it was taken (a school yard in Rosario).
GPS_LATITUDE = (32.0, 57.0, 18.5)
GPS_LONGITUDE = (60.0, 38.0, 21.25)
CAMERA = "OrbisTestCam 3000"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description exif:GPSLatitude="32,57.3S" '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/"/></rdf:RDF></x:xmpmeta>'
)


def _picture(width: int, height: int, mode: str = "RGB") -> Image.Image:
    """A gradient with some noise (so that JPEG has real data to cut off)."""
    image = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 60)
    grey = Image.blend(image, noise, 0.3)
    if mode == "L":
        return grey
    merged = Image.merge("RGB", (grey, grey.transpose(Image.Transpose.FLIP_LEFT_RIGHT), grey))
    return merged.convert(mode)


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = CAMERA
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = GPS_LONGITUDE
    return exif


def jpeg(width=64, height=48, *, gps=True, orientation=1, icc=False, quality=90) -> bytes:
    buffer = io.BytesIO()
    options = {"quality": quality}
    if gps:
        options |= {"exif": gps_exif(orientation), "xmp": XMP, "comment": b"Rosario school"}
    if icc:
        options["icc_profile"] = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    _picture(width, height).save(buffer, "JPEG", **options)
    return buffer.getvalue()


def png(width=64, height=48, *, gps=False, mode="RGB") -> bytes:
    buffer = io.BytesIO()
    options = {}
    if gps:
        info = PngInfo()
        info.add_text("Location", "Escuela Rosario, 32.95S 60.64W")
        options = {"exif": gps_exif(), "pnginfo": info}
    _picture(width, height, mode).save(buffer, "PNG", **options)
    return buffer.getvalue()


def webp(width=64, height=48, *, gps=False) -> bytes:
    buffer = io.BytesIO()
    options = {"exif": gps_exif(), "xmp": XMP} if gps else {}
    _picture(width, height).save(buffer, "WEBP", **options)
    return buffer.getvalue()


def gif(width=32, height=24, *, frames=1) -> bytes:
    pictures = [_picture(width, height).rotate(15 * index) for index in range(frames)]
    buffer = io.BytesIO()
    pictures[0].save(
        buffer,
        "GIF",
        save_all=frames > 1,
        append_images=pictures[1:],
        duration=120,
        loop=0,
        comment=b"made at Escuela Rosario",
    )
    return buffer.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width`×`height` pixels: a decompression bomb's shape."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


def truncated(data: bytes, keep: float = 0.6) -> bytes:
    return data[: int(len(data) * keep)]


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def mp3(*, id3: bool = False, frames: int = 4) -> bytes:
    # MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: 417-byte frames.
    frame = b"\xff\xfb\x90\x00" + b"\x00" * 413
    tag = b"ID3\x04\x00\x00\x00\x00\x00\x0aTIT2\x00\x00\x00\x00\x00\x00" if id3 else b""
    return tag + frame * frames


def _ogg_page(packet: bytes, flags: int, sequence: int) -> bytes:
    return (
        b"OggS\x00"
        + bytes([flags])
        + struct.pack("<qII", 0, 1234, sequence)
        + b"\x00\x00\x00\x00"
        + bytes([1, len(packet)])
        + packet
    )


def ogg(codec: bytes = b"\x01vorbis") -> bytes:
    first = _ogg_page(codec + b"\x00" * 23, 0x02, 0)
    return first + _ogg_page(b"\x00" * 100, 0x00, 1) + _ogg_page(b"\x00" * 10, 0x04, 2)


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _track(handler: bytes) -> bytes:
    hdlr = _box(b"hdlr", b"\x00" * 8 + handler + b"\x00" * 12 + b"Handler\x00")
    return _box(b"trak", _box(b"tkhd", b"\x00" * 84) + _box(b"mdia", hdlr))


def mp4(
    major: bytes = b"isom",
    compatible: tuple[bytes, ...] = (b"isom", b"mp41"),
    tracks: tuple[bytes, ...] = (b"vide", b"soun"),
) -> bytes:
    ftyp = _box(b"ftyp", major + b"\x00\x00\x02\x00" + b"".join(compatible))
    moov = _box(b"moov", _box(b"mvhd", b"\x00" * 100) + b"".join(map(_track, tracks)))
    return ftyp + moov + _box(b"mdat", b"\x00" * 500)


def m4a() -> bytes:
    return mp4(b"M4A ", (b"M4A ", b"mp42", b"isom"), tracks=(b"soun",))


def _ebml(element_id: bytes, payload: bytes) -> bytes:
    assert len(payload) < 127
    return element_id + bytes([0x80 | len(payload)]) + payload


def webm(doctype: bytes = b"webm", *, segment_size: int | None = None) -> bytes:
    header = _ebml(
        b"\x1a\x45\xdf\xa3",
        _ebml(b"\x42\x86", b"\x01")
        + _ebml(b"\x42\xf7", b"\x01")
        + _ebml(b"\x42\xf2", b"\x04")
        + _ebml(b"\x42\xf3", b"\x08")
        + _ebml(b"\x42\x82", doctype)
        + _ebml(b"\x42\x87", b"\x04")
        + _ebml(b"\x42\x85", b"\x02"),
    )
    info = _ebml(b"\x15\x49\xa9\x66", _ebml(b"\x2a\xd7\xb1", b"\x0f\x42\x40"))
    size = len(info) if segment_size is None else segment_size
    segment = b"\x18\x53\x80\x67" + b"\x01" + size.to_bytes(7, "big") + info
    return header + segment


def _zip(entries: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(entries):
            compress = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compress)
    return buffer.getvalue()


_CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/"/>'


def docx(*, macros: bool = False) -> bytes:
    entries = [
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", b"<Relationships/>"),
        ("word/document.xml", b"<w:document/>"),
    ]
    if macros:
        entries.append(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0"))
    return _zip(entries)


def xlsx() -> bytes:
    return _zip([("[Content_Types].xml", _CONTENT_TYPES), ("xl/workbook.xml", b"<workbook/>")])


def pptx() -> bytes:
    return _zip(
        [("[Content_Types].xml", _CONTENT_TYPES), ("ppt/presentation.xml", b"<p:presentation/>")]
    )


def odf(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    return _zip(
        [
            ("mimetype", mimetype.encode()),
            ("content.xml", b"<office:document-content/>"),
            ("META-INF/manifest.xml", b"<manifest:manifest/>"),
        ],
        stored_first=True,
    )


def plain_zip() -> bytes:
    return _zip([("notes.txt", b"hello"), ("photo.jpg", b"\xff\xd8\xff")])


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200 + b"This program cannot be run"
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 100
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def uploaded(data: bytes, name: str, content_type: str = "application/octet-stream"):
    """A Django upload as a form hands it over (the declared type is ignored anyway)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


def png_upload(name="drawing.png", size=(40, 30), color="orange"):
    """A plain one-colour PNG picture as a form hands it over."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return uploaded(buffer.getvalue(), name, "image/png")


def pdf_upload(name="report.pdf", text="Our river"):
    """A real one-page PDF (made by fpdf2) as a form hands it over."""
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text=text)
    return uploaded(bytes(document.output()), name, "application/pdf")


def fake_png_upload(name="virus.png"):
    """Not an image at all, whatever its name and declared type say."""
    return uploaded(b"MZ\x90\x00 not a picture", name, "image/png")


def hostile_upload():
    """A web page dressed as a picture: the upload checks refuse it."""
    return uploaded(b"<html><script>alert(1)</script></html>", "cat.png", "image/png")
