"""The NHSO Secure SmartCard Agent on this PC, and NHSO's authen-status web service."""

from __future__ import annotations

from app.message import Message

# --- the agent -----------------------------------------------------------------------------
AGENT_UNREACHABLE = Message(
    "ติดต่อโปรแกรม NHSO Secure SmartCard Agent ไม่ได้ — ตรวจว่าเปิดโปรแกรมอยู่ แล้วลองใหม่",
    "Cannot reach the NHSO Secure SmartCard Agent — make sure it is running, then try again.",
)
# The short form beside the status light and in the day list's hover text.
AGENT_DOWN = Message("ติดต่อ Agent ไม่ได้", "Agent unreachable")
# What IT does about it (doctor's fix column).
START_THE_AGENT = Message(
    "เปิดบริการ NHSOSecureSmartCardAgent (install.bat แบบ Administrator)",
    "start the NHSO Secure SmartCard Agent service",
)
AGENT_NO_READER = Message(
    "Agent ไม่พบเครื่องอ่านบัตร — เสียบเครื่องอ่านบัตรแล้วลองใหม่",
    "The agent sees no card reader — plug the reader in and try again.",
)
AGENT_NO_CARD = Message(
    "Agent อ่านบัตรไม่ได้ — ถอดบัตรแล้วเสียบใหม่ แล้วลองอีกครั้ง",
    "The agent could not read the card — reinsert it and try again.",
)


def agent_service_failed(call: str, message: str) -> Message:
    return Message(
        f"Agent หรือระบบ สปสช. ขัดข้อง ({call}): {message} "
        "— ไม่เกี่ยวกับบัตร รอสักครู่แล้วลองใหม่ หากยังเป็นอยู่ให้แจ้งผู้ดูแลระบบ",
        f"The agent or NHSO failed ({call}): {message} — "
        "not a card problem; wait a moment and try again, call IT if it repeats.",
    )


def agent_redirected(host: str) -> Message:
    return Message(
        f"ที่อยู่ Agent ตอบให้ไปที่เครื่องอื่น ({host}) จึงไม่ส่งข้อมูล — ตรวจค่า agent_url ในการตั้งค่า",
        f"The agent's address redirected to another host ({host}); "
        "nothing was sent there — check the agent_url setting.",
    )


def nhso_refused(message: str) -> Message:
    return Message(f"สปสช. ปฏิเสธคำขอ: {message}", f"NHSO refused the request: {message}")


NHSO_TIMEOUT = Message(
    "สปสช. ไม่ตอบภายในเวลาที่กำหนด — รอสักครู่แล้วลองใหม่ (บันทึกการขอไว้แล้ว)",
    "NHSO did not answer in time — wait a moment and try again (the attempt is logged).",
)


def agent_bad_answer(detail: str) -> Message:
    return Message(
        f"คำตอบจาก Agent อ่านไม่ได้ ({detail}) — ลองใหม่ หากยังเป็นอยู่ให้แจ้งผู้ดูแลระบบ",
        f"The agent's answer could not be read ({detail}) — try again; if it repeats, call IT.",
    )


AGENT_ERROR = Message(
    "การติดต่อ Agent ผิดพลาด — ลองใหม่ หากยังเป็นอยู่ให้แจ้งผู้ดูแลระบบ",
    "Talking to the agent failed — try again; if it repeats, call IT.",
)

# --- NHSO's authen-status service (token "authen") -----------------------------------------
TOKEN_REJECTED = Message(
    "Token ถูกปฏิเสธ — ตรวจว่าตรงกับรหัสหน่วยบริการและยังไม่หมดอายุ",
    "Token rejected — check it belongs to this hospital code and has not expired.",
)


def status_redirected(host: str) -> Message:
    return Message(
        f"บริการของ สปสช. ตอบให้ไปที่เครื่องอื่น ({host}) จึงไม่ส่ง Token ตาม "
        "— ตรวจค่า zone และ proxy ของเครือข่าย",
        f"NHSO's service redirected to another host ({host}); the token was "
        "not sent there — check the zone setting and any network proxy.",
    )


TLS_FAILED = Message(
    "ใบรับรองความปลอดภัย (TLS) ไม่ผ่าน — ตรวจวันเวลาเครื่องและ proxy ของเครือข่าย",
    "TLS certificate check failed — check the PC's clock and any network proxy.",
)
NHSO_UNREACHABLE = Message(
    "ติดต่อ สปสช. ไม่ได้ — ตรวจเครือข่าย/อินเทอร์เน็ต แล้วลองใหม่",
    "Cannot reach NHSO — check the network or internet, then try again.",
)
STATUS_BAD_ANSWER = Message(
    "คำตอบจาก สปสช. อ่านไม่ได้ — แจ้งผู้ดูแลระบบ",
    "NHSO's answer could not be read — call IT.",
)
