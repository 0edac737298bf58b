"""Why verify-day could not run (light: the error registry imports it)."""

from __future__ import annotations


class VerifyError(Exception):
    """Base of verify-day's own failures (NHSO's are app.nhso.errors.StatusError)."""


class NoStatusToken(VerifyError):
    """No "authen" token in the keyring: NHSO's status service cannot be asked."""


class HcodeNotSet(VerifyError):
    """The hospital code is not set: we cannot tell our codes from other hospitals'."""
