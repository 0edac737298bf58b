"""The one error registry: every failure the program reports, the catalogue entry that
words it (app/words/<area>.py, Thai + English, with what to do next) and its CLI exit
code, grouped by feature.

The window and the CLI both ask `describe(error)`; nothing else words a failure. Exception
classes live in light modules (`*/errors.py`) so that this table costs no heavy import; it
is built at the first failure described, so the window's start loads none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from app.cli.exit_codes import ExitCode
from app.message import Message
from app.words import common as common_words

__all__ = [
    "UNEXPECTED",
    "Described",
    "ExitCode",
    "Message",
    "describe",
    "message_for",
    "words_for_kind",
]


@dataclass(frozen=True)
class Described:
    """A failure as the window and the CLI both report it: its words and its exit code."""

    message: Message
    exit_code: ExitCode


_Wording = Message | Callable[[BaseException], Message]


def _own_message(error: BaseException) -> Message:
    """Errors that carry their own wording (what to fix in the input)."""
    message = getattr(error, "message", None)
    return message if isinstance(message, Message) else common_words.as_given(str(error))


def _detail(error: BaseException, attribute: str) -> str:
    value = getattr(error, attribute, "")
    return value if isinstance(value, str) else ""


def _flagged_message(error: BaseException) -> Message:
    """NHSO's code is refused as this patient's: whose it names, or why it is untrusted."""
    from app.words import authen as authen_words

    kind, named = _detail(error, "kind"), _detail(error, "named")
    if kind == "other_pid":
        return authen_words.answer_other_pid(named)
    what = {
        "no_pid": authen_words.ANSWER_NO_PID,
        "other_claim_type": authen_words.ANSWER_OTHER_CLAIM_TYPE,
        "no_claim_type": authen_words.ANSWER_NO_CLAIM_TYPE,
    }
    return authen_words.answer_untrusted(what.get(kind, authen_words.ANSWER_BAD_CODE))


@cache
def _table() -> list[tuple[type[BaseException], _Wording, ExitCode]]:
    """Every failure, its wording and its exit code. Order matters where classes inherit:
    the first match wins."""
    from app.authen import errors as authen
    from app.file_errors import NotRegularInput, NotRegularOutput
    from app.nhso import errors as nhso
    from app.reports import errors as reports
    from app.settings import errors as settings
    from app.staff import errors as staff
    from app.store import errors as store
    from app.tokens import errors as tokens
    from app.words import authen as authen_words
    from app.words import card as card_words
    from app.words import files as file_words
    from app.words import nhso as nhso_words
    from app.words import settings as settings_words
    from app.words import staff as staff_words
    from app.words import store as store_words
    from app.words import tokens as tokens_words
    from cardreader import errors as card

    return [
        # --- card reader and ID card --------------------------------------------------------
        (card.CardChanged, card_words.CARD_CHANGED, ExitCode.READ_FAILED),
        (card.PcscServiceGone, card_words.PCSC_SERVICE_GONE, ExitCode.NO_READER),
        (card.NoReader, card_words.NO_READER, ExitCode.NO_READER),
        (card.NoCard, card_words.NO_CARD, ExitCode.NO_CARD),
        (card.CardRemoved, card_words.CARD_REMOVED, ExitCode.READ_FAILED),
        (card.CardUnresponsive, card_words.CARD_UNRESPONSIVE, ExitCode.READ_FAILED),
        (card.CardBusy, card_words.CARD_BUSY, ExitCode.READ_FAILED),
        (card.NotThaiIdCard, card_words.NOT_THAI_ID_CARD, ExitCode.NOT_THAI_ID),
        (card.CardDataInvalid, card_words.CARD_DATA_INVALID, ExitCode.READ_FAILED),
        # --- staff PIN -------------------------------------------------------------------------
        (
            staff.PinStateDamaged,
            lambda e: staff_words.pin_state_damaged(str(getattr(e, "detail", ""))),
            ExitCode.FAILURE,
        ),
        (store.SharedPinCountOffline, store_words.PIN_OFFLINE, ExitCode.SHARED_STORE),
        (staff.PinStateUnavailable, staff_words.PIN_STATE_UNAVAILABLE, ExitCode.FAILURE),
        (
            staff.PinResultNotSaved,
            lambda e: staff_words.pin_result_not_saved(str(getattr(e, "answer", "?"))),
            ExitCode.FAILURE,
        ),
        # its number since verify-pin was first shipped
        (staff.PinFormatInvalid, staff_words.PIN_FORMAT_INVALID, ExitCode.FAILURE),
        # --- authen at the desk ----------------------------------------------------------------
        (settings.HcodeNotSet, settings_words.HCODE_NOT_SET, ExitCode.CONFIG),
        (authen.InvalidInput, lambda e: _own_message(e), ExitCode.INVALID_INPUT),
        (
            authen.HeldByOtherHospital,
            lambda e: authen_words.held_by_other_hospital(
                str(getattr(e, "hcode", "?")), str(getattr(e, "hname", ""))
            ),
            ExitCode.OTHER_HOSPITAL,
        ),
        (authen.AnswerFlagged, lambda e: _flagged_message(e), ExitCode.ANSWER_FLAGGED),
        (authen.AgentReadAnotherCard, authen_words.AGENT_READ_ANOTHER_CARD, ExitCode.INVALID_INPUT),
        (
            authen.VisitLogPathNotAFile,
            lambda e: file_words.not_a_file_to_read(_detail(e, "path"), _detail(e, "kind")),
            ExitCode.IO_ERROR,
        ),
        (
            authen.VisitLogDamaged,
            lambda e: authen_words.visit_log_damaged(_detail(e, "path")),
            ExitCode.FAILURE,
        ),
        (authen.VisitLogUnavailable, authen_words.VISIT_LOG_UNWRITABLE, ExitCode.FAILURE),
        # --- the NHSO agent --------------------------------------------------------------------
        (nhso.AgentUnavailable, nhso_words.AGENT_UNREACHABLE, ExitCode.AGENT_UNREACHABLE),
        (nhso.AgentNoReader, nhso_words.AGENT_NO_READER, ExitCode.NO_READER),
        (nhso.AgentNoCard, nhso_words.AGENT_NO_CARD, ExitCode.NO_CARD),
        (
            nhso.AgentServiceFailed,
            lambda e: nhso_words.agent_service_failed(_detail(e, "call"), _detail(e, "message")),
            ExitCode.NHSO_FAILED,
        ),
        (
            nhso.AgentRedirected,
            lambda e: nhso_words.agent_redirected(_detail(e, "host")),
            ExitCode.BAD_ANSWER,
        ),
        (
            nhso.AgentRejected,
            lambda e: nhso_words.nhso_refused(str(getattr(e, "message", ""))),
            ExitCode.NHSO_REFUSED,
        ),
        # the agent asked NHSO, and NHSO did not answer in time: the agent itself is up
        (nhso.AgentTimeout, nhso_words.NHSO_TIMEOUT, ExitCode.AGENT_UNREACHABLE),
        (
            nhso.AgentBadAnswer,
            lambda e: nhso_words.agent_bad_answer(_detail(e, "detail")),
            ExitCode.BAD_ANSWER,
        ),
        (nhso.AgentError, nhso_words.AGENT_ERROR, ExitCode.BAD_ANSWER),
        # --- NHSO's authen-status service (token "authen") ---------------------------------------
        (nhso.TokenRejected, nhso_words.TOKEN_REJECTED, ExitCode.NHSO_REFUSED),
        (
            nhso.StatusRedirected,
            lambda e: nhso_words.status_redirected(_detail(e, "host")),
            ExitCode.BAD_ANSWER,
        ),
        (nhso.TlsFailure, nhso_words.TLS_FAILED, ExitCode.TLS_FAILED),
        (nhso.StatusUnreachable, nhso_words.NHSO_UNREACHABLE, ExitCode.NHSO_UNREACHABLE),
        (nhso.StatusError, nhso_words.STATUS_BAD_ANSWER, ExitCode.BAD_ANSWER),
        # --- reports (their errors carry their own wording: which file, which headers) ----------
        (reports.ReportWriteError, lambda e: _own_message(e), ExitCode.CANNOT_CREATE),
        (reports.NhsoFileRefused, lambda e: _own_message(e), ExitCode.DATA_ERROR),  # zip bomb
        (reports.VisitLogUnreadable, lambda e: _own_message(e), ExitCode.IO_ERROR),
        (reports.ReportError, lambda e: _own_message(e), ExitCode.DATA_ERROR),  # not NHSO's file
        # --- tokens ----------------------------------------------------------------------------
        (
            tokens.StoredTokenDamaged,
            lambda e: (
                store_words.STORED_PASSWORD_DAMAGED
                if _detail(e, "kind") == "shared-store"
                else tokens_words.stored_token_damaged(_detail(e, "kind"))
            ),
            ExitCode.INVALID_INPUT,
        ),
        (tokens.KeyringUnavailable, tokens_words.KEYRING_UNAVAILABLE, ExitCode.KEYRING),
        (
            tokens.TokenNotSet,
            lambda e: tokens_words.token_not_set(str(getattr(e, "kind", ""))),
            ExitCode.NO_TOKEN,
        ),
        (store.PasswordNotText, store_words.PASSWORD_NOT_TEXT, ExitCode.INVALID_INPUT),
        (tokens.InvalidPassword, store_words.BAD_PASSWORD, ExitCode.INVALID_INPUT),
        (tokens.InvalidToken, tokens_words.INVALID_TOKEN, ExitCode.INVALID_INPUT),
        # --- files that are not regular files (a FIFO, a folder, a device, a link) -----------
        (
            NotRegularOutput,
            lambda e: file_words.not_a_file_to_write(_detail(e, "path"), _detail(e, "kind")),
            ExitCode.CANNOT_CREATE,
        ),
        (
            NotRegularInput,
            lambda e: file_words.not_a_file_to_read(_detail(e, "path"), _detail(e, "kind")),
            ExitCode.IO_ERROR,
        ),
        # --- settings --------------------------------------------------------------------------
        (
            settings.SettingsFileInvalid,
            lambda e: settings_words.settings_file_invalid(
                str(getattr(e, "path", "")),
                tuple(getattr(e, "keys", ())),
                str(getattr(e, "detail", "")),
            ),
            ExitCode.INVALID_INPUT,
        ),
        (
            settings.SettingsInvalid,
            lambda e: settings_words.setting_invalid(str(e)),
            ExitCode.INVALID_INPUT,
        ),
        # --- the shared store (several desks) ----------------------------------------------------
        (store.SharedStoreUnavailable, store_words.UNAVAILABLE, ExitCode.SHARED_STORE),
        (store.SharedStoreNotConfigured, store_words.NOT_CONFIGURED, ExitCode.CONFIG),
        (store.SharedStoreNoPassword, store_words.NO_PASSWORD, ExitCode.NO_TOKEN),
        (
            store.SharedStoreSchemaNewer,
            lambda e: store_words.schema_newer(getattr(e, "found", 0), getattr(e, "known", 0)),
            ExitCode.SHARED_STORE,
        ),
    ]


UNEXPECTED = common_words.UNEXPECTED


def words_for_kind(kind: str) -> Message | None:
    """The fixed wording of an error class by its name (the visit log keeps the class name
    of each failure): the day list shows that instead of the exception's raw text."""
    for error_class, wording, _ in _table():
        if error_class.__name__ == kind and isinstance(wording, Message):
            return wording
    return None


def describe(error: BaseException) -> Described:
    for kind, wording, code in _table():
        if isinstance(error, kind):
            message = wording if isinstance(wording, Message) else wording(error)
            return Described(message, code)
    return Described(UNEXPECTED, ExitCode.FAILURE)


def message_for(error: BaseException) -> Message:
    return describe(error).message
