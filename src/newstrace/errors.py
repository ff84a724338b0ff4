"""Errors with codes users can search for (NT001 ...)."""


class NewstraceError(Exception):
    code = "NT000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class ModelMissing(NewstraceError):
    code = "NT001"


class InputError(NewstraceError):
    """An input could not be read or decoded; the message names the input."""

    code = "NT002"


class StoreError(NewstraceError):
    code = "NT003"


class GazetteerError(NewstraceError):
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
