"""Vectors without numpy: unit length, packed as float32, compared by dot product."""

from __future__ import annotations

import math
import operator
from array import array
from collections.abc import Sequence


def normalise(vector: Sequence[float]) -> tuple[float, ...]:
    norm = math.sqrt(sum(x * x for x in vector))
    if norm == 0:
        return tuple(0.0 for _ in vector)
    return tuple(x / norm for x in vector)


def pack(vector: Sequence[float]) -> bytes:
    values = array("f", vector)
    if values.itemsize != 4:  # pragma: no cover - every platform Python supports
        raise RuntimeError("float32 arrays are needed")
    return values.tobytes()


def unpack(data: bytes | memoryview) -> array:
    values = array("f")
    values.frombytes(bytes(data))
    return values


def similarity(a: Sequence[float], b: Sequence[float]) -> float:
    """Cosine similarity of two unit vectors."""
    return sum(map(operator.mul, a, b))
