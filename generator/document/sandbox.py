"""What a template may do, and what it may cost.

A clerk's template is run as code (Jinja), so it runs in a sandbox that refuses Python's
internals, and within bounds: strings and lists no longer than a report could need, ranges within
a budget, no lorem-ipsum generator, a time limit and (on Linux) a memory limit while it renders.
Past a bound the render stops with `TemplateTooCostly`, which the engine names with the template.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import threading
from collections.abc import Iterator
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

MAX_SIZE = 2_000_000  # characters or items a template may make in one value: far above any report
MAX_RANGE_ITEMS = 1_000_000  # what all the template's range() calls may yield in one render
SECONDS = 30  # for one render; a report renders in milliseconds
EXTRA_MEMORY = 1_500_000_000  # bytes a render may add to the process, where the system can bound it
# Filters whose work is bounded by what they are given, as the report's text and numbers are.
_SAFE_FILTERS = (
    "abs", "capitalize", "count", "d", "default", "dictsort", "e", "escape", "first", "float",
    "forceescape", "groupby", "int", "items", "last", "length", "list", "lower", "map", "max", "min",
    "reject", "rejectattr", "reverse", "round", "select", "selectattr", "slice", "batch", "sort",
    "string", "striptags", "sum", "title", "tojson", "trim", "truncate", "unique", "upper",
    "urlencode", "wordcount", "xmlattr", "attr",
)


class TemplateTooCostly(Exception):
    """The template asked for more than a report could need."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def _check_size(value: Any) -> Any:
    if isinstance(value, str | list | tuple | dict) and len(value) > MAX_SIZE:
        raise TemplateTooCostly(f"生成了{len(value)}个字符（或项）的内容")
    return value


class ReportEnvironment(SandboxedEnvironment):
    """A sandbox whose templates cannot grow strings, lists or ranges past what a report needs."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self) -> None:
        from jinja2 import StrictUndefined

        super().__init__(autoescape=True, undefined=StrictUndefined)
        self.filters = {name: _bounded_filter(self.filters[name]) for name in _SAFE_FILTERS if name in self.filters}
        self.filters["replace"] = _replace
        self.filters["join"] = _join
        self.globals.pop("lipsum", None)
        self.globals["range"] = self._range
        self._range_items = 0

    def new_render(self) -> None:
        self._range_items = 0

    def _range(self, *args: int) -> range:
        items = range(*args)
        self._range_items += len(items)
        if self._range_items > MAX_RANGE_ITEMS:
            raise TemplateTooCostly(f"range() 一共要生成超过{MAX_RANGE_ITEMS}个数")
        return items

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int) and len(seq) * times > MAX_SIZE:
                    raise TemplateTooCostly(f"要把内容重复{times}次")
        numbers = isinstance(left, int | float) and isinstance(right, int | float)
        if operator == "**" and numbers and abs(left) > 1 and right > 0 and right * math.log2(abs(left)) > 4096:
            raise TemplateTooCostly(f"要计算{left}的{right}次方")
        return _check_size(super().call_binop(context, operator, left, right))


def _bounded_filter(f: Any) -> Any:
    def bounded(*args: Any, **kwargs: Any) -> Any:
        return _check_size(f(*args, **kwargs))

    for attr in ("jinja_pass_arg",):  # Jinja's marker for filters given the context or environment
        if hasattr(f, attr):
            setattr(bounded, attr, getattr(f, attr))
    return bounded


def _replace(value: Any, old: str, new: str, count: int | None = None) -> str:
    """Jinja's replace, its result measured before it is made."""
    text, old, new = str(value), str(old), str(new)
    times = text.count(old) if old else len(text) + 1
    if count is not None:
        times = min(times, count)
    if len(text) + times * (len(new) - len(old)) > MAX_SIZE:
        raise TemplateTooCostly("replace 会生成过长的内容")
    return text.replace(old, new, -1 if count is None else count)


def _join(value: Any, separator: str = "", attribute: Any = None) -> str:
    items = [str(v if attribute is None else getattr(v, str(attribute), "")) for v in value]
    if sum(map(len, items)) + len(separator) * max(len(items) - 1, 0) > MAX_SIZE:
        raise TemplateTooCostly("join 会生成过长的内容")
    return str(separator).join(items)


@contextlib.contextmanager
def bounded() -> Iterator[None]:
    """Time and memory bounds around one render, where the system offers them: a timer signal (in
    a process's main thread, as the CLI and its workers run) and, on Linux, the address-space limit."""
    with _time_limit(), _memory_limit():
        yield


def _expired(signum: int, frame: Any) -> None:
    raise TemplateTooCostly(f"运行超过{SECONDS}秒")


@contextlib.contextmanager
def _time_limit() -> Iterator[None]:
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _memory_limit() -> Iterator[None]:
    try:
        import resource

        with open("/proc/self/statm") as statm:
            used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):
        yield
        return
    limit = used + EXTRA_MEMORY
    if (soft != resource.RLIM_INFINITY and soft <= limit) or (hard != resource.RLIM_INFINITY and hard < limit):
        yield  # already bounded more tightly than this
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    except MemoryError:
        raise TemplateTooCostly("占用的内存过多") from None
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
