"""Errors of the content layer that callers handle."""


class ContentFolderError(Exception):
    """The content folder itself cannot be used (missing, not a folder)."""
