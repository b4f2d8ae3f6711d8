"""Writing output files safely: atomically, never over the input, never over a file held open."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import OutputError, UnreadableInput


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


def check_output_path(out: Path, inputs: tuple[Path, ...] = (), force: bool = False) -> None:
    """Refuse an output that is an input, a folder or a device, a file held open, or, without
    `force`, any existing file: a report or workbook someone edited by hand must never be lost."""
    if any(_same_file(out, source) for source in inputs):
        raise OutputError(f"输出文件不能与输入文件相同：{out}")
    if out.is_dir():
        raise OutputError(f"输出路径是一个文件夹，请给出文件名：{out}")
    if out.exists() and not out.is_file():
        raise OutputError(f"输出路径不是普通文件（可能是设备或管道），不能写入：{out}")
    if lock_owner_file(out) is not None:
        raise OutputError(f"文件正被其他程序（Excel、WPS 或 Word）打开，请先关闭：{out}")
    if out.exists() and not force:
        raise OutputError(f"文件已存在，为免覆盖其中的内容，没有写入：{out}（确需覆盖请加 --force）")


def write_atomically(out: Path, write: Callable[[Path], None], inputs: tuple[Path, ...] = (),
                     force: bool = False) -> None:
    """Call `write(tmp)` on a temporary file beside `out`, then move it into place in one step.

    A crash leaves either the old file or the new one, never half a file. A missing folder is
    made. Without `force` the move never replaces a file, even one made a moment ago by another
    process: the check before writing and the move are not one step, so the move itself refuses.
    """
    out = Path(out)
    check_output_path(out, inputs, force)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
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
        if force:
            os.replace(tmp, out)
        else:
            _move_without_replacing(tmp, out)
    except FileExistsError:
        raise OutputError(f"文件已存在，为免覆盖其中的内容，没有写入：{out}（确需覆盖请加 --force）") from None
    except PermissionError:
        raise OutputError(f"无法写入文件（可能正被其他程序打开或没有写权限）：{out}") from None
    except OSError as e:
        raise OutputError(f"无法写入文件（{e.strerror}）：{out}") from None
    finally:
        if tmp.exists():
            tmp.unlink()


def _move_without_replacing(tmp: Path, out: Path) -> None:
    """Put `tmp` at `out` only if nothing is there: a hard link fails on an existing name.
    Where links are not supported (FAT, some network shares), reserve the name exclusively first."""
    try:
        os.link(tmp, out)
    except FileExistsError:
        raise
    except OSError:
        os.close(os.open(out, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        os.replace(tmp, out)
    else:
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
            raise UnreadableInput(f"找不到文件或文件夹：{path}")
    if not found:
        raise UnreadableInput(nothing_found)
    return list(dict.fromkeys(found))
