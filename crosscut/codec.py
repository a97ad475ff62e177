"""Frozen dataclasses to JSON-ready data and back, for the cache (see cache.py: data, never pickles).

Only the shapes the model uses are known: str, int, bool, None, nested frozen dataclasses,
tuple[X, ...], frozenset[X], X | None and plain dicts of such. Data that does not fit the type it
is read back as raises ValueError, which the cache treats as a miss.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import lru_cache


def dump(value: object) -> object:
    """`value` as lists, dicts and scalars that json.dumps writes as they are."""
    if dataclasses.is_dataclass(value):
        return [dump(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, (tuple, list)):
        return [dump(v) for v in value]
    if isinstance(value, frozenset):
        return sorted(dump(v) for v in value)
    if isinstance(value, dict):
        return {str(k): dump(v) for k, v in value.items()}
    return value


def load(kind: object, data: object) -> object:
    """The value of type `kind` that dump() turned into `data`; ValueError when it does not fit."""
    try:
        return _load(kind, data)
    except (TypeError, KeyError, IndexError, AttributeError) as err:
        raise ValueError(f"cannot read {kind}: {err}") from err


def _load(kind: object, data: object) -> object:
    if dataclasses.is_dataclass(kind):
        fields = _fields(kind)
        if not isinstance(data, list) or len(data) != len(fields):
            raise ValueError(f"{kind.__name__}: expected {len(fields)} fields")
        return kind(*(_load(hint, item) for (_, hint), item in zip(fields, data)))
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        if data is None and type(None) in args:
            return None
        for option in args:
            if option is not type(None):
                return _load(option, data)
    if origin is tuple:
        if not isinstance(data, list):
            raise ValueError("expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_load(args[0], item) for item in data)
        return tuple(_load(hint, item) for hint, item in zip(args, data, strict=True))
    if origin is frozenset:
        return frozenset(_load(args[0], item) for item in data)
    if origin is dict or kind is dict:
        if not isinstance(data, dict):
            raise ValueError("expected a mapping")
        return dict(data)
    if kind in (str, int, bool, float):
        if type(data) is not kind and not (kind is float and type(data) is int):
            raise ValueError(f"expected {kind.__name__}")
        return data
    if kind is object or kind is typing.Any:
        return data
    raise ValueError(f"no reader for {kind}")


@lru_cache(maxsize=None)
def _fields(kind: type) -> tuple[tuple[str, object], ...]:
    hints = typing.get_type_hints(kind)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(kind))
