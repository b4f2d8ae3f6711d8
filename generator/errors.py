"""Errors a user can cause. Their message is Chinese and complete: the CLI prints it as is."""

from __future__ import annotations


class UserError(Exception):
    """A problem with the user's files or arguments; `exit_code` is what the command exits with."""

    exit_code = 1


class UnreadableInput(UserError):
    """The input cannot be read at all (not a workbook, not ours, damaged): `check` exits 2."""

    exit_code = 2


class OutputError(UserError):
    """The output cannot be written where asked."""
