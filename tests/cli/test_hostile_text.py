"""Hostile text (issue 18 items 6 and 12): control characters never reach storage or a
terminal; a token with a line break, a NUL or kilobytes of text gets a clear answer."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import keyring.backend
import pytest

from app.authen.visit_log import FAILED, VisitLog
from app.main import main
from app.reports.visits import default_log_path
from app.settings.model import Settings, save_settings
from app.tokens.errors import InvalidToken, StoredTokenDamaged
from app.tokens.kinds import TokenKind, normalise_token
from app.tokens.store import DAMAGED, SERVICE, TokenStore
from cardreader import decode

TOKEN = "5e1c2b8a-1111-4222-8333-944455556666"
ROOT = Path(__file__).parents[2]


# --- card text -----------------------------------------------------------------------------


def test_card_text_loses_controls_and_bidi_marks_but_keeps_thai() -> None:
    raw = b"\xb9\xd2\xc2\x1b[2J\xca\xc1\xaa\xd2\xc2\xe8#\xe3\xa8\xb4\xd5\x07#\x85x"
    assert decode.fields(raw, 3) == ["นาย[2Jสมชาย่", "ใจดี", "…x"]  # cp874 0x85 is "…"
    assert decode.strip_controls("ก\u200f\u202eข\u2066ค\u0e31\u0e49\x9b\x1b") == "กขค\u0e31\u0e49"
    assert decode.strip_controls("สม\tชาย\r\nใจดี") == "สม ชาย ใจดี"
    assert decode.thai_text("นายทดสอบ\x1b]0;owned\x07".encode("cp874")) == "นายทดสอบ]0;owned"
    assert decode.ascii_field(b"MR.\x1b[31mTEST\x00") == "MR.[31mTEST"


def test_history_never_prints_escape_sequences(
    app_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = VisitLog(default_log_path())
    visit = log.begin(pid="1101700123456", patient_name="นาย\x1b[2J\x1b]0;owned\x07ก\u202eข")
    log.finish(visit, FAILED, error_kind="AgentServiceFailed", error_message="\x9b31mbad\x1bc")
    day = log.get(visit).created_at[:10]
    log.close()
    assert main(["history", "--date", day]) == 0
    out = capsys.readouterr().out
    assert not any(c in out for c in "\x1b\x07\x9b\u202e")
    assert "\\x1b[2J" in out and "\\u202e" in out  # shown, not obeyed
    assert main(["history", "--json", "--date", day]) == 0
    out = capsys.readouterr().out
    assert not any(c in out for c in "\x1b\x07\x9b\u202e")
    [row] = json.loads(out)
    assert row["patient_name"] == "นาย\x1b[2J\x1b]0;owned\x07ก\u202eข"  # the JSON keeps the value


# --- tokens --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [TOKEN[:8] + "\r\n" + TOKEN[8:], TOKEN + "\nX", TOKEN + "\x00", "\x00" + TOKEN,
     TOKEN + "\r\nX-Evil: 1", TOKEN + " " * 5000, "a" * 5000, TOKEN[:20] + "\x1b" + TOKEN[20:]],
)  # fmt: skip
def test_a_token_with_a_control_character_or_4kb_is_refused(bad: str) -> None:
    with pytest.raises(InvalidToken):
        normalise_token(bad)


def test_token_set_refuses_a_nul_and_a_huge_token(
    real_secret_service: None, app_home: Path
) -> None:
    for stdin in (TOKEN + "\x00\n", "x" * 5000 + "\n", TOKEN[:10] + "\r" + TOKEN[10:] + "\n"):
        answer = subprocess.run(
            [sys.executable, "-m", "app.main", "token", "set", "authen"],
            input=stdin, capture_output=True, text=True, timeout=60, cwd=ROOT,
        )  # fmt: skip
        assert (answer.returncode, answer.stdout) == (22, ""), answer.stderr
        assert "Not an NHSO token" in answer.stderr


def test_a_damaged_stored_token_is_never_sent_and_says_so(
    secret_service: keyring.backend.KeyringBackend,
    capsys: pytest.CaptureFixture[str],
    app_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Written by another program (or an older version) straight into the keyring."""
    secret_service.set_password(SERVICE, TokenKind.AUTHEN.value, TOKEN + "\r\nX-Evil: 1")
    store = TokenStore(secret_service)
    with pytest.raises(StoredTokenDamaged):
        store.get(TokenKind.AUTHEN)
    assert store.status()[TokenKind.AUTHEN] == DAMAGED
    import keyring

    monkeypatch.setattr(keyring, "get_keyring", lambda: secret_service)
    save_settings(Settings(hcode="12345"))
    code = main(["verify-day", "--date", dt.date(2026, 11, 30).isoformat()])
    err = capsys.readouterr().err
    assert code == 22 and "set it again" in err and "reach" not in err
    secret_service.delete_password(SERVICE, TokenKind.AUTHEN.value)


def test_token_status_shows_a_damaged_token(
    secret_service: keyring.backend.KeyringBackend,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring

    secret_service.set_password(SERVICE, TokenKind.AUTHEN.value, "\x00" * 10)
    monkeypatch.setattr(keyring, "get_keyring", lambda: secret_service)
    try:
        assert main(["token", "status", "--json"]) == 0
        tokens = json.loads(capsys.readouterr().out)["tokens"]
        assert tokens["authen"]["masked"] == DAMAGED
    finally:
        secret_service.delete_password(SERVICE, TokenKind.AUTHEN.value)
