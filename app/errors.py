"""The one error registry: every failure the program reports, its Thai + English message
(with what to do next) and its CLI exit code, grouped by feature.

The window and the CLI both ask `describe(error)`; nothing else words a failure. Exception
classes live in light modules (`*/errors.py`) so that this table costs no heavy import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.authen import errors as authen
from app.cli.exit_codes import ExitCode
from app.file_errors import NotRegularInput, NotRegularOutput
from app.message import Message
from app.nhso import errors as nhso
from app.reports import errors as reports
from app.settings import errors as settings
from app.staff import errors as staff
from app.store import errors as store
from app.tokens import errors as tokens
from app.verify import errors as verify
from app.words import files as file_words
from app.words import store as store_words
from app.words import tokens as token_words
from cardreader import errors as card

__all__ = ["UNEXPECTED", "Described", "ExitCode", "Message", "describe", "message_for"]


@dataclass(frozen=True)
class Described:
    message: Message
    exit_code: ExitCode


_Wording = Message | Callable[[BaseException], Message]


def _own_message(error: BaseException) -> Message:
    """Errors that carry their own wording (what to fix in the input)."""
    message = getattr(error, "message", None)
    return message if isinstance(message, Message) else Message(str(error), str(error))


def _held_message(error: BaseException) -> Message:
    """Who holds today's code, by name when NHSO gave one, and what must happen next; a
    retry here changes nothing until that hospital cancels its code."""
    hcode = getattr(error, "hcode", "?")
    hname = getattr(error, "hname", "")
    th = f"{hname} (รหัส {hcode})" if hname else f"หน่วยบริการรหัส {hcode}"
    en = f"{hname} (code {hcode})" if hname else f"hospital {hcode}"
    return Message(
        f"วันนี้ผู้รับบริการได้รับ Claim Code จาก {th} แล้ว สปสช. จึงไม่ออกรหัสให้ที่นี่ "
        f"— ผู้รับบริการ (หรือเจ้าหน้าที่ที่นี่) ต้องติดต่อ {th} ให้ยกเลิกรหัสของวันนี้ก่อน "
        "เมื่อยกเลิกแล้ว เสียบบัตรใหม่เพื่อขอรหัสที่นี่ (ลองซ้ำตอนนี้จะไม่สำเร็จ)",
        f"Today's claim code for this person was issued by {en}, so NHSO will not issue one "
        f"here — the patient (or staff here) must ask {en} to cancel today's code; once it "
        "is cancelled, insert the card again to get a code here (retrying now cannot work).",
    )


def _detail(error: BaseException, attribute: str) -> str:
    value = getattr(error, attribute, "")
    return value if isinstance(value, str) else ""


def _flagged_message(error: BaseException) -> Message:
    """NHSO's code is refused as this patient's: whose it names, or why it is untrusted."""
    from app.words import authen as words

    kind, named = _detail(error, "kind"), _detail(error, "named")
    if kind == "other_pid":
        return words.answer_other_pid(named)
    what = {"no_pid": words.ANSWER_NO_PID, "other_claim_type": words.ANSWER_OTHER_CLAIM_TYPE}
    return words.answer_untrusted(what.get(kind, words.ANSWER_BAD_CODE))


_PIN_ANSWER_TH = {"ok": "PIN ถูกต้อง", "wrong": "PIN ไม่ถูกต้อง", "blocked": "บัตรถูกล็อก"}


# Order matters where classes inherit: the first match wins.
_TABLE: list[tuple[type[BaseException], _Wording, ExitCode]] = [
    # --- card reader and ID card --------------------------------------------------------
    (
        card.CardChanged,
        Message(
            "บัตรในเครื่องอ่านเปลี่ยนไปแล้ว — เสียบบัตรที่ต้องการแล้วลองใหม่",
            "A different card is now in the reader — insert the right card and try again.",
        ),
        ExitCode.READ_FAILED,
    ),
    (
        card.PcscServiceGone,
        Message(
            "บริการเครื่องอ่านบัตร (PC/SC) ไม่ทำงาน — เสียบเครื่องอ่านบัตร หรือเปิดบริการ Smart Card แล้วลองอีกครั้ง",
            "The smart-card service (PC/SC) is not running — plug in a reader or start the "
            "Smart Card service, then try again.",
        ),
        ExitCode.NO_READER,
    ),
    (
        card.NoReader,
        Message(
            "ไม่พบเครื่องอ่านบัตร — เสียบเครื่องอ่านบัตรแล้วลองอีกครั้ง",
            "No card reader found — plug in the reader and try again.",
        ),
        ExitCode.NO_READER,
    ),
    (
        card.NoCard,
        Message(
            "ไม่มีบัตรในเครื่องอ่าน — เสียบบัตรประชาชนโดยหันชิปเข้าเครื่อง",
            "There is no card in the reader — insert the ID card, chip first.",
        ),
        ExitCode.NO_CARD,
    ),
    (
        card.CardRemoved,
        Message(
            "บัตรถูกดึงออกระหว่างอ่าน — เสียบบัตรค้างไว้จนอ่านเสร็จ",
            "The card was pulled out during the read — insert it again and leave it in.",
        ),
        ExitCode.READ_FAILED,
    ),
    (
        card.CardUnresponsive,
        Message(
            "บัตรไม่ตอบสนอง — ถอดบัตร เช็ดชิป แล้วเสียบใหม่ให้ถูกด้าน",
            "The card does not respond — take it out, wipe the chip, insert it the right way up.",
        ),
        ExitCode.READ_FAILED,
    ),
    (
        card.CardBusy,
        Message(
            "โปรแกรมอื่นกำลังใช้บัตรอยู่ — รอสักครู่แล้วลองอีกครั้ง",
            "Another program is using the card — wait a moment and try again.",
        ),
        ExitCode.READ_FAILED,
    ),
    (
        card.NotThaiIdCard,
        Message(
            "บัตรนี้ไม่ใช่บัตรประจำตัวประชาชน — ใช้บัตรประชาชนไทยแบบมีชิป",
            "This is not a Thai national ID card — use a chip ID card.",
        ),
        ExitCode.NOT_THAI_ID,
    ),
    (
        card.CardDataInvalid,
        Message(
            "อ่านข้อมูลบัตรไม่ถูกต้อง — ถอดบัตรแล้วเสียบใหม่ หากยังไม่ได้ให้ใช้เครื่องอ่านอื่น",
            "The card's data came back damaged — reinsert the card; if it persists, "
            "try another reader.",
        ),
        ExitCode.READ_FAILED,
    ),
    # --- staff PIN -------------------------------------------------------------------------
    (
        staff.PinStateDamaged,
        lambda e: Message(
            "ข้อมูลจำนวนครั้งที่ใส่ PIN ผิดเสียหายหรือหายไป จึงไม่ส่ง PIN ไปที่บัตร (ไม่นับใหม่จากศูนย์) "
            f"— ผู้ดูแลระบบ: ดู README หัวข้อความปลอดภัยของ PIN ({getattr(e, 'detail', '')})",
            "The PIN failure counts are damaged or missing, so the PIN was not sent to the "
            "card (they are never taken as zero) — IT: see README, PIN safety "
            f"({getattr(e, 'detail', '')}).",
        ),
        ExitCode.FAILURE,
    ),
    (
        staff.PinStateUnavailable,
        Message(
            "อ่านหรือบันทึกจำนวนครั้งที่ใส่ PIN ไม่ได้ (ดิสก์เต็ม ไม่มีสิทธิ์เขียน หรือมีการตรวจ PIN อื่นค้างอยู่) "
            "จึงยังไม่ส่ง PIN ไปที่บัตร (เพื่อไม่ให้บัตรถูกล็อก) — แจ้งผู้ดูแลระบบ",
            "The PIN attempt count cannot be read or saved (disk full, no permission, or "
            "another PIN check is stuck), so the PIN was not sent to the card (to protect it "
            "from locking) — call IT.",
        ),
        ExitCode.FAILURE,
    ),
    (
        staff.PinResultNotSaved,
        lambda e: Message(
            f"บัตรได้รับ PIN แล้วและตอบว่า {_PIN_ANSWER_TH.get(getattr(e, 'answer', ''), '?')} "
            "แต่บันทึกคำตอบของบัตรไม่ได้ (ดิสก์เต็มหรือไม่มีสิทธิ์เขียน) — ครั้งนี้ถูกนับเป็นการใส่ผิดไว้แล้ว "
            "แจ้งผู้ดูแลระบบก่อนลองอีก",
            "The card received the PIN and answered "
            f"'{getattr(e, 'answer', '?')}', but its answer could not be saved (disk full or "
            "no permission) — this try stays counted as a wrong one; call IT before trying "
            "again.",
        ),
        ExitCode.FAILURE,
    ),
    (
        staff.PinFormatInvalid,
        Message(
            "PIN ต้องเป็นตัวเลข 4 หลัก — ไม่ได้ส่งไปที่บัตร",
            "A PIN is exactly 4 digits — nothing was sent to the card.",
        ),
        ExitCode.FAILURE,  # its number since verify-pin was first shipped
    ),
    # --- authen at the desk ----------------------------------------------------------------
    (authen.InvalidInput, lambda e: _own_message(e), ExitCode.INVALID_INPUT),
    (
        authen.HeldByOtherHospital,
        lambda e: _held_message(e),
        ExitCode.OTHER_HOSPITAL,
    ),
    (authen.AnswerFlagged, lambda e: _flagged_message(e), ExitCode.ANSWER_FLAGGED),
    (
        authen.AgentReadAnotherCard,
        Message(
            "Agent อ่านได้บัตรคนละใบกับที่แสดงบนจอ — ให้มีบัตรผู้รับบริการใบเดียวในเครื่องอ่าน",
            "The agent read a different card than the one on screen — leave only the "
            "patient's card in the readers.",
        ),
        ExitCode.INVALID_INPUT,
    ),
    (
        authen.VisitNotLogged,
        lambda e: (
            Message(
                f"ได้รับ Claim Code {getattr(e, 'claim_code', '')} แล้ว แต่บันทึกลงประวัติไม่ได้ — "
                f"เก็บไว้ที่ {getattr(e, 'kept_in', '')} และจะรวมเข้าประวัติเมื่อเปิดโปรแกรมครั้งถัดไป "
                "(แจ้งผู้ดูแลระบบเรื่องดิสก์/ฐานข้อมูล)",
                f"Claim code {getattr(e, 'claim_code', '')} was issued, but the visit log could "
                f"not take it — it is kept in {getattr(e, 'kept_in', '')} and goes into the log "
                "at the next start (tell IT about the disk or database).",
            )
            if getattr(e, "kept_in", "")
            else Message(
                f"ได้รับ Claim Code {getattr(e, 'claim_code', '')} แล้ว แต่บันทึกไม่ได้เลย (ดิสก์เต็ม?) "
                "— จดรหัสนี้ไว้ทันที แล้วแจ้งผู้ดูแลระบบ",
                f"Claim code {getattr(e, 'claim_code', '')} was issued but could not be saved "
                "anywhere (disk full?) — write it down now and call IT.",
            )
        ),
        ExitCode.FAILURE,
    ),
    (
        authen.VisitLogPathNotAFile,
        lambda e: file_words.not_a_file_to_read(_detail(e, "path"), _detail(e, "kind")),
        ExitCode.IO_ERROR,
    ),
    (
        authen.VisitLogDamaged,
        lambda e: Message(
            f"ไฟล์ประวัติ {getattr(e, 'path', '')} เสียหาย — ปิดโปรแกรม ย้ายไฟล์นี้ (และ -wal, -shm) "
            "ไปเก็บไว้ ห้ามลบ แล้วเปิดใหม่ โปรแกรมจะสร้างไฟล์ใหม่ ส่งไฟล์เดิมให้ผู้ดูแลระบบ "
            "(ยังไม่ได้ส่งคำขอใด ๆ)",
            f"The visit log {getattr(e, 'path', '')} is damaged — close Authen Desk, move that "
            "file (and its -wal, -shm) somewhere safe, do not delete it, and start again: a new "
            "log is created; give the old file to IT (nothing was sent).",
        ),
        ExitCode.FAILURE,
    ),
    (
        authen.VisitLogUnavailable,
        Message(
            "บันทึกประวัติการยืนยันตัวตนไม่ได้ (ดิสก์เต็มหรือไม่มีสิทธิ์เขียน) จึงยังไม่ส่งคำขอ — แจ้งผู้ดูแลระบบ",
            "The visit log cannot be written (disk full or no permission), so nothing "
            "was sent — call IT.",
        ),
        ExitCode.FAILURE,
    ),
    # --- the NHSO agent --------------------------------------------------------------------
    (
        nhso.AgentUnavailable,
        Message(
            "ติดต่อโปรแกรม NHSO Secure SmartCard Agent ไม่ได้ — ตรวจว่าเปิดโปรแกรมอยู่ แล้วลองใหม่",
            "Cannot reach the NHSO Secure SmartCard Agent — make sure it is running, "
            "then try again.",
        ),
        ExitCode.AGENT_UNREACHABLE,
    ),
    (
        nhso.AgentNoReader,
        Message(
            "Agent ไม่พบเครื่องอ่านบัตร — เสียบเครื่องอ่านบัตรแล้วลองใหม่",
            "The agent sees no card reader — plug the reader in and try again.",
        ),
        ExitCode.NO_READER,
    ),
    (
        nhso.AgentNoCard,
        Message(
            "Agent อ่านบัตรไม่ได้ — ถอดบัตรแล้วเสียบใหม่ แล้วลองอีกครั้ง",
            "The agent could not read the card — reinsert it and try again.",
        ),
        ExitCode.NO_CARD,
    ),
    (
        nhso.AgentServiceFailed,
        lambda e: Message(
            f"Agent หรือระบบ สปสช. ขัดข้อง ({_detail(e, 'call')}): {_detail(e, 'message')} "
            "— ไม่เกี่ยวกับบัตร รอสักครู่แล้วลองใหม่ หากยังเป็นอยู่ให้แจ้งผู้ดูแลระบบ",
            f"The agent or NHSO failed ({_detail(e, 'call')}): {_detail(e, 'message')} — "
            "not a card problem; wait a moment and try again, call IT if it repeats.",
        ),
        ExitCode.NHSO_FAILED,
    ),
    (
        nhso.AgentRedirected,
        lambda e: Message(
            f"ที่อยู่ Agent ตอบให้ไปที่เครื่องอื่น ({_detail(e, 'host')}) จึงไม่ส่งข้อมูล "
            "— ตรวจค่า agent_url ในการตั้งค่า",
            f"The agent's address redirected to another host ({_detail(e, 'host')}); "
            "nothing was sent there — check the agent_url setting.",
        ),
        ExitCode.BAD_ANSWER,
    ),
    (
        nhso.AgentRejected,
        lambda e: Message(
            f"สปสช. ปฏิเสธคำขอ: {getattr(e, 'message', '')}",
            f"NHSO refused the request: {getattr(e, 'message', '')}",
        ),
        ExitCode.NHSO_REFUSED,
    ),
    (
        nhso.AgentTimeout,
        Message(
            "สปสช. ไม่ตอบภายในเวลาที่กำหนด — รอสักครู่แล้วลองใหม่ (บันทึกการขอไว้แล้ว)",
            "NHSO did not answer in time — wait a moment and try again (the attempt is logged).",
        ),
        ExitCode.AGENT_UNREACHABLE,
    ),
    (
        nhso.AgentBadAnswer,
        lambda e: Message(
            f"คำตอบจาก Agent อ่านไม่ได้ ({_detail(e, 'detail')}) — ลองใหม่ หากยังเป็นอยู่ให้แจ้งผู้ดูแลระบบ",
            f"The agent's answer could not be read ({_detail(e, 'detail')}) — try again; "
            "if it repeats, call IT.",
        ),
        ExitCode.BAD_ANSWER,
    ),
    (
        nhso.AgentError,
        Message(
            "การติดต่อ Agent ผิดพลาด — ลองใหม่ หากยังเป็นอยู่ให้แจ้งผู้ดูแลระบบ",
            "Talking to the agent failed — try again; if it repeats, call IT.",
        ),
        ExitCode.BAD_ANSWER,
    ),
    # --- NHSO's authen-status service (token "authen") ---------------------------------------
    (
        nhso.TokenRejected,
        Message(
            "Token ถูกปฏิเสธ — ตรวจว่าตรงกับรหัสหน่วยบริการและยังไม่หมดอายุ",
            "Token rejected — check it belongs to this hospital code and has not expired.",
        ),
        ExitCode.NHSO_REFUSED,
    ),
    (
        nhso.StatusRedirected,
        lambda e: Message(
            f"บริการของ สปสช. ตอบให้ไปที่เครื่องอื่น ({_detail(e, 'host')}) จึงไม่ส่ง Token ตาม "
            "— ตรวจค่า zone และ proxy ของเครือข่าย",
            f"NHSO's service redirected to another host ({_detail(e, 'host')}); the token was "
            "not sent there — check the zone setting and any network proxy.",
        ),
        ExitCode.BAD_ANSWER,
    ),
    (
        nhso.TlsFailure,
        Message(
            "ใบรับรองความปลอดภัย (TLS) ไม่ผ่าน — ตรวจวันเวลาเครื่องและ proxy ของเครือข่าย",
            "TLS certificate check failed — check the PC's clock and any network proxy.",
        ),
        ExitCode.AGENT_UNREACHABLE,
    ),
    (
        nhso.StatusUnreachable,
        Message(
            "ติดต่อ สปสช. ไม่ได้ — ตรวจเครือข่าย/อินเทอร์เน็ต แล้วลองใหม่",
            "Cannot reach NHSO — check the network or internet, then try again.",
        ),
        ExitCode.AGENT_UNREACHABLE,
    ),
    (
        nhso.StatusError,
        Message(
            "คำตอบจาก สปสช. อ่านไม่ได้ — แจ้งผู้ดูแลระบบ",
            "NHSO's answer could not be read — call IT.",
        ),
        ExitCode.BAD_ANSWER,
    ),
    # --- verify-day ------------------------------------------------------------------------
    (
        verify.NoStatusToken,
        Message(
            "ยังไม่ได้บันทึก Token ยืนยันตัวตน (Authen) จึงตรวจกับ สปสช. ไม่ได้ — "
            "authen-desk token set authen หรือกด Ctrl+T ในโปรแกรม",
            "No authen token is stored, so NHSO cannot be asked — run authen-desk token set "
            "authen, or press Ctrl+T in the window.",
        ),
        ExitCode.NO_TOKEN,
    ),
    (
        verify.HcodeNotSet,
        Message(
            "ยังไม่ได้ตั้งรหัสหน่วยบริการ 5 หลัก — authen-desk settings set hcode 12345",
            "The 5-digit hospital code is not set — authen-desk settings set hcode 12345",
        ),
        ExitCode.CONFIG,
    ),
    # --- reports (their errors carry their own wording: which file, which headers) ----------
    (reports.ReportWriteError, lambda e: _own_message(e), ExitCode.CANNOT_CREATE),
    (reports.NhsoFileRefused, lambda e: _own_message(e), ExitCode.DATA_ERROR),  # zip bomb
    (reports.VisitLogUnavailable, lambda e: _own_message(e), ExitCode.IO_ERROR),
    (reports.ReportError, lambda e: _own_message(e), ExitCode.DATA_ERROR),  # not NHSO's file
    # --- tokens ----------------------------------------------------------------------------
    (
        tokens.StoredTokenDamaged,
        lambda e: (
            store_words.STORED_PASSWORD_DAMAGED
            if _detail(e, "kind") == "shared-store"
            else token_words.stored_token_damaged(_detail(e, "kind"))
        ),
        ExitCode.INVALID_INPUT,
    ),
    (
        tokens.KeyringUnavailable,
        Message(
            "ไม่มี keyring ของระบบที่ใช้ได้ (หรือถูกล็อกอยู่) จึงไม่เก็บ Token — ติดตั้งหรือปลดล็อกก่อน",
            "No usable OS keyring (or it is locked), so the token was not stored — install "
            "or unlock one first.",
        ),
        ExitCode.KEYRING,
    ),
    (
        tokens.TokenNotSet,
        lambda e: Message(
            f"ยังไม่ได้ตั้ง Token {getattr(e, 'kind', '')} — เจ้าหน้าที่ลงชื่อเข้าใช้ (F2) แล้วเปิด "
            "ตั้งค่า → Token (Ctrl+T) หรือผู้ดูแลระบบใช้ authen-desk token set",
            f"The {getattr(e, 'kind', '')} token is not set — a signed-in staff member opens "
            "Settings → Tokens (Ctrl+T), or IT runs authen-desk token set.",
        ),
        ExitCode.FAILURE,
    ),
    (tokens.InvalidPassword, store_words.BAD_PASSWORD, ExitCode.INVALID_INPUT),
    (
        tokens.InvalidToken,
        Message(
            "Token ไม่ถูกต้อง — Token ของ สปสช. มีรูปแบบ xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
            "Not an NHSO token — they look like xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.",
        ),
        ExitCode.INVALID_INPUT,
    ),
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
        lambda e: Message(
            f"ไฟล์ตั้งค่า {getattr(e, 'path', '')} มีค่าที่ไม่ถูกต้อง"
            f"{' (' + ', '.join(getattr(e, 'keys', ())) + ')' if getattr(e, 'keys', ()) else ''}: "
            f"{getattr(e, 'detail', '')} — ยังไม่ได้เปลี่ยนอะไร แก้ค่านั้นด้วย settings set "
            "หรือสั่งใหม่พร้อม --repair เพื่อตั้งเฉพาะค่านั้นกลับเป็นค่าเริ่มต้น",
            f"invalid settings file {getattr(e, 'path', '')}"
            f"{' (' + ', '.join(getattr(e, 'keys', ())) + ')' if getattr(e, 'keys', ()) else ''}: "
            f"{getattr(e, 'detail', '')} — nothing changed; set that key, or run again with "
            "--repair to reset only the bad values to their defaults.",
        ),
        ExitCode.INVALID_INPUT,
    ),
    (
        settings.SettingsInvalid,
        lambda e: Message(f"ค่าตั้งไม่ถูกต้อง: {e}", f"invalid setting: {e}"),
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

UNEXPECTED = Message(
    "เกิดข้อผิดพลาดที่ไม่คาดคิด — ลองอีกครั้ง หากยังเกิดซ้ำให้แจ้งผู้ดูแลระบบพร้อมไฟล์บันทึก",
    "Something unexpected went wrong — try again; if it repeats, give IT the log file.",
)


def describe(error: BaseException) -> Described:
    for kind, wording, code in _TABLE:
        if isinstance(error, kind):
            message = wording if isinstance(wording, Message) else wording(error)
            return Described(message, code)
    return Described(UNEXPECTED, ExitCode.FAILURE)


def message_for(error: BaseException) -> Message:
    return describe(error).message
