"""The two ways a backend fails: it cannot be set up (the run stops), or one call failed
(that article fails, the others go on)."""


class BackendError(Exception):
    """A backend cannot be set up; the message says what to change."""


class BackendCallError(Exception):
    """A call failed for good (retries spent, the endpoint refused, no recording): the
    article it was for fails, and the run goes on. The message says why."""
