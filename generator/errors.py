"""Errors a user can cause. Their message is Chinese and complete: the CLI prints it as is."""

from __future__ import annotations


class UserError(Exception):
    """A problem with the user's files or arguments; `exit_code` is what the command exits with."""

    exit_code = 1


class UnreadableInput(UserError):
    """The input cannot be read at all (not a workbook, not ours, damaged): exit 2."""

    exit_code = 2


class OutputError(UserError):
    """The output cannot be written where asked."""


class InternalError(UserError):
    """A bug of nianbao's, not the user's doing: said in one line, exit 3."""

    exit_code = 3

    def __init__(self, error: BaseException) -> None:
        super().__init__(f"程序内部错误（{type(error).__name__}），不是您的操作问题。"
                         "请把输入文件和这条信息发给维护人员")
