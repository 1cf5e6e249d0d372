"""CBOR (RFC 8949) item headers for many items at once, with numpy.

Pagefind's index chunks are CBOR arrays of millions of small integers; writing them item by item
in Python would cost more than the rest of the build. Callers lay the items out themselves:
`sizes` says how many bytes each item takes, `put` writes items at given offsets of a buffer."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

UNSIGNED, NEGATIVE, TEXT, ARRAY = 0, 1, 3, 4

Ints = npt.NDArray[np.int64]
Buffer = npt.NDArray[np.uint8]


def sizes(arguments: Ints) -> Ints:
    """Bytes of an item header (the initial byte and the argument) for each argument."""
    size = np.ones(len(arguments), dtype=np.int64)
    size[arguments >= 24] = 2
    size[arguments >= 256] = 3
    size[arguments >= 65536] = 5
    if len(arguments) and int(arguments.max()) >= 1 << 32:
        raise ValueError("CBOR arguments of 32 bits at most")
    return size


def put(out: Buffer, offsets: Ints, major: int, arguments: Ints) -> None:
    """Write an item header of type `major` with each argument at each offset of `out`."""
    size = sizes(arguments)
    initial = np.where(size == 1, arguments, np.select([size == 2, size == 3], [24, 25], 26))
    out[offsets] = (major << 5 | initial).astype(np.uint8)
    for width, length in ((1, 2), (2, 3), (4, 5)):
        chosen = size == length
        at, value = offsets[chosen] + 1, arguments[chosen]
        for byte in range(width):
            out[at + byte] = ((value >> (8 * (width - 1 - byte))) & 0xFF).astype(np.uint8)


def header(major: int, argument: int) -> bytes:
    """One item header, for the few items written around encoded runs."""
    for width, code in ((0, argument), (1, 24), (2, 25), (4, 26)):
        if (width == 0 and argument < 24) or (width and argument < 1 << (8 * width)):
            return bytes([major << 5 | code]) + (argument.to_bytes(width, "big") if width else b"")
    raise ValueError(argument)
