#!/usr/bin/env python3
"""Draws kernelspec/logo-32x32.png and logo-64x64.png (the kernelspec's PNG logos) with
the standard library only: an orange rounded square (Swift's #F05138) with a white bell
curve, the same picture as kernelspec/logo-svg.svg. Antialiased by 4x4 supersampling.
Run from anywhere: python3 scripts/make-logos.py"""
import math
import os
import struct
import zlib

ORANGE = (0xF0, 0x51, 0x38)
WHITE = (0xFF, 0xFF, 0xFF)


def coverage(x, y):
    """(orange alpha, white alpha) at a point of the 64x64 design."""
    # Rounded square 2..62 with corner radius 14.
    r = 14.0
    cx = min(max(x, 2 + r), 62 - r)
    cy = min(max(y, 2 + r), 62 - r)
    inside = 2 <= x <= 62 and 2 <= y <= 62 and (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    if not inside:
        return 0.0, 0.0
    # Bell curve: y = 50 - 36 exp(-((x - 32) / 9)^2 / 2) for 8 <= x <= 56, 5 px wide.
    white = 0.0
    if 6 <= x <= 58:
        best = min(
            math.hypot(x - t, y - (50 - 36 * math.exp(-(((t - 32) / 9.0) ** 2) / 2)))
            for t in [8 + i * 0.25 for i in range(193)]
        )
        if best <= 2.5:
            white = 1.0
    if 8 <= x <= 56 and 53 <= y <= 55:
        white = max(white, 0.7)
    return 1.0, white


def render(size):
    samples = 4
    rows = []
    for py in range(size):
        row = bytearray([0])  # filter type 0
        for px in range(size):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sy in range(samples):
                for sx in range(samples):
                    x = (px + (sx + 0.5) / samples) * 64.0 / size
                    y = (py + (sy + 0.5) / samples) * 64.0 / size
                    a, w = coverage(x, y)
                    color = [ORANGE[i] * (1 - w) + WHITE[i] * w for i in range(3)]
                    for i in range(3):
                        acc[i] += color[i] * a
                    acc[3] += a
            n = samples * samples
            alpha = acc[3] / n
            rgb = [int(round(acc[i] / acc[3])) if acc[3] else 0 for i in range(3)]
            row += bytes(rgb + [int(round(alpha * 255))])
        rows.append(bytes(row))
    return png(size, size, b"".join(rows))


def png(width, height, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kernelspec")
    for size in (32, 64):
        path = os.path.join(out, f"logo-{size}x{size}.png")
        with open(path, "wb") as f:
            f.write(render(size))
        print("wrote", os.path.normpath(path))
