"""Errors the core raises on purpose; shells word them for the user."""


class GovqaError(Exception):
    """Base of every error the core raises on purpose."""


class CorpusNotFound(GovqaError):
    """The corpus folder does not exist or is not a folder."""


class NoReadableReports(GovqaError):
    """The corpus folder holds no report that could be read; `found` says what it holds
    instead, one warning per file (name: reason), empty for an empty folder."""

    def __init__(self, folder: str, found: tuple[str, ...] = ()) -> None:
        super().__init__(folder if not found else f"{folder}: " + "; ".join(found))
        self.folder = folder
        self.found = found


class UnknownReport(GovqaError):
    """A report name that matches no report of the corpus."""
