"""Writing output files safely: atomically, never over the input, never over a file held open."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import OutputError, UserError


def lock_owner_file(path: Path) -> Path | None:
    """The lock file Office, WPS or LibreOffice leave beside a document they hold open."""
    for name in (f"~${path.name}", f".~lock.{path.name}#", f"~${path.name[2:]}"):
        candidate = path.with_name(name)
        if candidate.exists():
            return candidate
    return None


def _same_file(a: Path, b: Path) -> bool:
    """The same path, or two names (a link, another spelling) of one existing file."""
    if a.exists() and b.exists():
        return os.path.samefile(a, b)
    return a.resolve() == b.resolve()


def check_output_path(out: Path, inputs: tuple[Path, ...] = ()) -> None:
    """Refuse an output that is an input, sits in a missing folder, or is open in another program."""
    if any(_same_file(out, source) for source in inputs):
        raise OutputError(f"输出文件不能与输入文件相同：{out}")
    if out.exists() and out.is_dir():
        raise OutputError(f"输出路径是一个文件夹，请给出文件名：{out}")
    if not out.parent.exists():
        raise OutputError(f"输出文件夹不存在：{out.parent}")
    if lock_owner_file(out) is not None:
        raise OutputError(f"文件正被其他程序（Excel、WPS 或 Word）打开，请先关闭：{out}")


def write_atomically(out: Path, write: Callable[[Path], None], inputs: tuple[Path, ...] = ()) -> None:
    """Call `write(tmp)` on a temporary file beside `out`, then move it into place in one step.

    A crash leaves either the old file or the new one, never half a file.
    """
    out = Path(out)
    check_output_path(out, inputs)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".nianbao-", suffix=out.suffix, dir=out.parent)
    except OSError as e:
        raise OutputError(f"无法在该文件夹写入文件（{e.strerror}）：{out.parent}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        # mkstemp makes the file private (0600); a report is shared, so give it the usual mode.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out)
    except PermissionError:
        raise OutputError(f"无法写入文件（可能正被其他程序打开或没有写权限）：{out}") from None
    except OSError as e:
        raise OutputError(f"无法写入文件（{e.strerror}）：{out}") from None
    finally:
        if tmp.exists():
            tmp.unlink()


_FORBIDDEN = dict.fromkeys(map(ord, '<>:"/\\|?*'), "_")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_filename(name: str, max_chars: int = 80) -> str:
    """A file name valid on Windows, macOS and Linux: no separators, no `..`, no control characters."""
    name = "".join(ch for ch in name if ch.isprintable()).translate(_FORBIDDEN)
    name = name.replace("..", "_").strip(" .")
    stem, dot, ext = name.rpartition(".") if "." in name else (name, "", "")
    stem = stem[: max_chars - len(ext) - 1] if dot else name[:max_chars]
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    return (f"{stem}.{ext}" if dot else stem) or "报告"


def collect_files(paths: Iterable[Path], suffixes: tuple[str, ...], nothing_found: str) -> list[Path]:
    """The files named, and those with `suffixes` directly inside the folders named, once each.

    Lock files Office and WPS keep beside an open file, and our own half-written outputs, are not inputs.
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in suffixes
                            and not p.name.startswith(("~$", ".~lock.", ".nianbao-", ".")))
        elif path.exists():
            found.append(path)
        else:
            raise UserError(f"找不到文件或文件夹：{path}")
    if not found:
        raise UserError(nothing_found)
    return list(dict.fromkeys(found))
