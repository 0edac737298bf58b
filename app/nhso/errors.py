"""What can go wrong talking to the NHSO Secure SmartCard Agent, one class per remedy."""

from __future__ import annotations


class AgentError(Exception):
    """Base of every agent failure."""


class AgentUnavailable(AgentError):
    """Nothing answers at the agent's address: it is not installed or not running."""


class AgentNoReader(AgentError):
    """The agent sees no card reader (HTTP 418)."""


class AgentNoCard(AgentError):
    """/read kept answering 500 after the card had time to settle: no card, or it must be
    re-inserted. Only /read means this; a 500 elsewhere is AgentServiceFailed."""


class AgentRejected(AgentError):
    """NHSO (through the agent) refused the request (HTTP 400); `message` is NHSO's."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class AgentServiceFailed(AgentError):
    """The agent or NHSO behind it failed a call that does not touch the card (confirm-save,
    latest-*): HTTP 500 or another unexpected status. `message` is the agent's own words,
    cleaned for display."""

    def __init__(self, call: str, status: int, message: str) -> None:
        super().__init__(f"{call}: HTTP {status}: {message}")
        self.call = call
        self.status = status
        self.message = message


class AgentRedirected(AgentError):
    """The agent's address answered with a redirect; we never follow one (it would send the
    person's ID elsewhere). `host` is where it pointed."""

    def __init__(self, host: str) -> None:
        super().__init__(f"redirect to {host} (not followed)")
        self.host = host


class AgentTimeout(AgentError):
    """The agent (or NHSO behind it) did not answer in time."""


class AgentBadAnswer(AgentError):
    """The answer was not the JSON we expect (an HTML error page, garbage, a proxy, a
    required field missing or malformed). `detail` names the call and the field."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class StatusError(Exception):
    """Base of the authen-status service's failures (NHSO's cloud, no agent)."""


class TokenRejected(StatusError):
    """401/403: the token is wrong, expired, or issued for another hospital code."""


class StatusUnreachable(StatusError):
    """No connection to NHSO (network, DNS, firewall, timeout)."""


class TlsFailure(StatusError):
    """The server's certificate chain did not verify (a proxy, a wrong clock, a bad CA)."""


class StatusBadAnswer(StatusError):
    """An answer that is not the service's JSON."""


class StatusRedirected(StatusError):
    """The service answered with a redirect; never followed (the token would go along)."""

    def __init__(self, host: str) -> None:
        super().__init__(f"redirect to {host} (not followed)")
        self.host = host
