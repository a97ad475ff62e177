"""Frozen dataclasses to JSON-ready data and back, for the cache (see cache.py: data, never pickles).

Only the shapes the model uses are known: str, int, bool, None, nested frozen dataclasses,
tuple[X, ...], frozenset[X], X | None and plain dicts of such. Data that does not fit the type it
is read back as raises ValueError, which the cache treats as a miss.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import lru_cache
from typing import Callable


SCALARS = (str, int, bool, float, type(None))


def dump(value: object) -> object:
    """`value` as lists, dicts and scalars that json.dumps writes as they are."""
    kind = type(value)
    if kind in SCALARS:
        return value
    if kind is tuple or kind is list:
        return [dump(v) for v in value]
    names = field_names(kind)
    if names is not None:
        return [dump(getattr(value, name)) for name in names]
    if kind is frozenset:
        return sorted(dump(v) for v in value)
    if kind is dict:
        return {str(k): dump(v) for k, v in value.items()}
    return value


@lru_cache(maxsize=None)
def field_names(kind: type) -> tuple[str, ...] | None:
    """The fields of a dataclass, in order; None for any other type."""
    return tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None


def to_bytes(value: object) -> bytes:
    """`value` as compact JSON, for the cache."""
    return json.dumps(dump(value), ensure_ascii=False, separators=(",", ":")).encode()


def from_bytes(kind: object, data: bytes) -> object:
    """The value of type `kind` that to_bytes() wrote; ValueError when the bytes do not hold one."""
    return load(kind, json.loads(data))


def load(kind: object, data: object) -> object:
    """The value of type `kind` that dump() turned into `data`; ValueError when it does not fit."""
    try:
        return reader(kind)(data)
    except (TypeError, KeyError, IndexError, AttributeError) as err:
        raise ValueError(f"cannot read {kind}: {err}") from err


@lru_cache(maxsize=None)
def reader(kind: object) -> Callable[[object], object]:
    """A function that reads data of type `kind`, made once per type (the cache reads thousands)."""
    if dataclasses.is_dataclass(kind):
        names = [f.name for f in dataclasses.fields(kind)]
        hints = typing.get_type_hints(kind)
        fields = tuple(reader(hints[name]) for name in names)

        def read_dataclass(data):
            if type(data) is not list or len(data) != len(fields):
                raise ValueError(f"{kind.__name__}: expected {len(fields)} fields")
            return kind(*[read(item) for read, item in zip(fields, data)])
        return read_dataclass
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        options = [reader(option) for option in args if option is not type(None)]
        if len(options) != 1:
            raise ValueError(f"no reader for {kind}")
        return lambda data: None if data is None else options[0](data)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = reader(args[0])
        return lambda data: tuple(map(item, checked_list(data)))
    if origin is tuple:
        items = tuple(reader(hint) for hint in args)
        return lambda data: tuple(read(x) for read, x in zip(items, checked_list(data), strict=True))
    if origin is frozenset:
        item = reader(args[0])
        return lambda data: frozenset(map(item, checked_list(data)))
    if origin is dict or kind is dict:
        return lambda data: dict(data) if type(data) is dict else fail("expected a mapping")
    if kind in (str, int, bool):
        return lambda data: data if type(data) is kind else fail(f"expected {kind.__name__}")
    if kind is float:
        return lambda data: float(data) if type(data) in (int, float) else fail("expected a number")
    if kind is object or kind is typing.Any:
        return lambda data: data
    raise ValueError(f"no reader for {kind}")


def checked_list(data: object) -> list:
    return data if type(data) is list else fail("expected a list")


def fail(message: str):
    raise ValueError(message)
