"""Errors the core raises on purpose; shells word them for the user."""


class GovqaError(Exception):
    """Base of every error the core raises on purpose."""


class CorpusNotFound(GovqaError):
    """The corpus folder does not exist or is not a folder."""


class NoReadableReports(GovqaError):
    """The corpus folder holds no report that could be read."""


class UnknownReport(GovqaError):
    """A report name that matches no report of the corpus."""
