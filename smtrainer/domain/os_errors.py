"""Why a file, folder or connection failed, in the session's language.

The operating system's own words (`strerror`) are English whatever the session: the common
reasons are said through the catalog instead, the rare ones as the system says them.
"""

from __future__ import annotations

import errno

from smtrainer.i18n import N_, _

REASONS = {
    errno.ENOENT: N_("no such file or folder"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.EEXIST: N_("something of that name is already there"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("not permitted"),
    errno.ENOSPC: N_("no space left on the disk"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.ELOOP: N_("too many links in the path"),
    errno.EIO: N_("the disk could not be read or written"),
    errno.ECONNREFUSED: N_("the connection was refused"),
    errno.ECONNRESET: N_("the connection was cut"),
    errno.ETIMEDOUT: N_("no answer in time"),
    errno.EHOSTUNREACH: N_("the machine cannot be reached"),
    errno.ENETUNREACH: N_("the network cannot be reached"),
    errno.ENOTEMPTY: N_("the folder is not empty"),
    errno.EXDEV: N_("it cannot be moved to another disk"),
}
"""The reasons said in the session's language (translate with `_()` when shown)."""


def os_reason(error: BaseException | str) -> str:
    """Why `error` happened, in words: in the session's language for the common reasons, else
    as the system says it (never with "[Errno …]" in front)."""
    if isinstance(error, str):
        return error
    if isinstance(error, TimeoutError):
        return _(REASONS[errno.ETIMEDOUT])
    code = getattr(error, "errno", None)
    if code in REASONS:
        return _(REASONS[code])
    return getattr(error, "strerror", None) or str(error)
