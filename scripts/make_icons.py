"""Renders resources/icons/authen-desk.svg into the PNG sizes and the Windows .ico.

The outputs are committed, so a build needs no SVG renderer; run this again after editing
the SVG:  python3 -m uv run python scripts/make_icons.py
Each size is rendered from the SVG itself (not scaled down from a big bitmap), so the
16 px icon stays sharp. The .ico holds PNG-compressed images, which Windows reads since
Vista; Qt's own ico plugin reads the result back as a check.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "authen-desk.svg"
ICO = ICONS / "authen-desk.ico"
PNG_DIR = ICONS / "png"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stub wants bytes
        raise RuntimeError("PNG encoding failed")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """ICONDIR + one ICONDIRENTRY per size + the PNG data (a width of 0 means 256)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in sorted(images.items()):
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def check_ico(path: Path) -> list[int]:
    """The sizes Qt's ico plugin reads back from the file."""
    if b"ico" not in [bytes(f.data()) for f in QImageReader.supportedImageFormats()]:
        raise RuntimeError("Qt's ico image plugin (qico) is missing")
    reader = QImageReader(str(path), b"ico")
    sizes = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        if image.isNull():
            raise RuntimeError(f"{path}: image {index} unreadable: {reader.errorString()}")
        sizes.append(image.width())
    return sizes


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"{SVG}: not a valid SVG", file=sys.stderr)
        return 1
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    rendered = {size: png_bytes(render(renderer, size)) for size in PNG_SIZES}
    for size, blob in rendered.items():
        (PNG_DIR / f"authen-desk-{size}.png").write_bytes(blob)
    ICO.write_bytes(ico_bytes({size: rendered[size] for size in ICO_SIZES}))
    sizes = check_ico(ICO)
    if sorted(sizes) != list(ICO_SIZES):
        print(f"{ICO}: Qt reads sizes {sizes}, expected {ICO_SIZES}", file=sys.stderr)
        return 1
    print(f"wrote {len(PNG_SIZES)} PNGs to {PNG_DIR} and {ICO.name} with sizes {sizes}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
