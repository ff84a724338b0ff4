"""Errors with codes users can search for (NT001 ...): docs/errors.md says when each is
raised and what to do (tests/test_errors_doc.py keeps the table complete)."""


class NewstraceError(Exception):
    code = "NT000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class ModelMissing(NewstraceError):
    """No English spaCy model is installed, or the attribution model named cannot be loaded."""

    code = "NT001"


class InputError(NewstraceError):
    """An input could not be read or decoded; the message names the input."""

    code = "NT002"


class StoreError(NewstraceError):
    """The database cannot be opened (named without its password), its schema is newer than
    this newstrace, or a document cannot be stored (a clash of ids or with another writer)."""

    code = "NT003"


class GazetteerError(NewstraceError):
    """A gazetteer file cannot be read, or an entry in it is malformed (named in the message)."""

    code = "NT004"


class LimitExceeded(NewstraceError):
    """A document is longer than the size limit, or its analysis ran past the time budget."""

    code = "NT005"


class WorkerStopped(NewstraceError):
    """A worker process died while it analysed a document (killed, out of memory)."""

    code = "NT006"


class ExportError(NewstraceError):
    """An export cannot be written: an unknown format, or an output path it cannot use."""

    code = "NT007"


class BatchError(NewstraceError):
    """A batch's output folder cannot serve this run: it holds another database's batch, or
    the workers write where this process does not read."""

    code = "NT008"
