"""Draw the Chrome extension's icons (extension/icons/icon{16,32,48,128}.png) with the
standard library only: a blue rounded square, a white "T" and an amber underline.
Run once after changing the design; the PNGs are committed."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "extension" / "icons"
BLUE = (26, 115, 232)
WHITE = (255, 255, 255)
AMBER = (249, 171, 0)
SAMPLES = 4  # supersampling per axis, for smooth edges


def colour_at(x: float, y: float) -> tuple[tuple[int, int, int], float] | None:
    """Colour of the design at (x, y) in a 1x1 square, or None outside it."""
    r = 0.2  # corner radius
    cx, cy = min(max(x, r), 1 - r), min(max(y, r), 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return None
    if 0.2 <= x <= 0.8 and 0.18 <= y <= 0.32:  # T bar
        return WHITE, 1.0
    if 0.42 <= x <= 0.58 and 0.18 <= y <= 0.7:  # T stem
        return WHITE, 1.0
    if 0.24 <= x <= 0.76 and 0.76 <= y <= 0.84:  # the underline
        return AMBER, 1.0
    return BLUE, 1.0


def render(size: int) -> bytes:
    rows = []
    for py in range(size):
        row = bytearray([0])  # filter: none
        for px in range(size):
            acc = [0.0, 0.0, 0.0]
            alpha = 0.0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    hit = colour_at((px + (sx + 0.5) / SAMPLES) / size,
                                    (py + (sy + 0.5) / SAMPLES) / size)
                    if hit:
                        (cr, cg, cb), a = hit
                        acc[0] += cr * a
                        acc[1] += cg * a
                        acc[2] += cb * a
                        alpha += a
            n = SAMPLES * SAMPLES
            if alpha:
                row += bytes(round(c / alpha) for c in acc) + bytes([round(255 * alpha / n)])
            else:
                row += bytes(4)
        rows.append(bytes(row))
    return png(size, size, b"".join(rows))


def png(width: int, height: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 48, 128):
        (OUT / f"icon{size}.png").write_bytes(render(size))
        print(f"wrote {OUT / f'icon{size}.png'}")


if __name__ == "__main__":
    main()
