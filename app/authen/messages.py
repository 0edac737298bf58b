"""One Thai sentence (and its English twin) for each thing that can stop an authen."""

from __future__ import annotations

from app.authen.flow import AgentReadAnotherCard, HeldByOtherHospital, InvalidInput
from app.authen.store import AuthenLogUnavailable
from app.messages import Message, message_for
from app.nhso import errors as agent_errors


def authen_message_for(error: BaseException) -> Message:
    match error:
        case InvalidInput():
            return error.message
        case HeldByOtherHospital():
            return Message(
                f"วันนี้ผู้รับบริการได้รับ Claim Code จากหน่วยบริการรหัส {error.hcode} แล้ว "
                "— ต้องให้หน่วยบริการนั้นยกเลิกก่อน จึงจะขอที่นี่ได้",
                f"Today's claim code for this person is held by hospital {error.hcode}; "
                "that hospital must cancel it before one can be issued here.",
            )
        case agent_errors.AgentUnavailable():
            return Message(
                "ติดต่อโปรแกรม NHSO Secure SmartCard Agent ไม่ได้ — ตรวจว่าเปิดโปรแกรมอยู่ แล้วลองใหม่",
                "Cannot reach the NHSO Secure SmartCard Agent — make sure it is running, "
                "then try again.",
            )
        case agent_errors.AgentNoReader():
            return Message(
                "Agent ไม่พบเครื่องอ่านบัตร — เสียบเครื่องอ่านบัตรแล้วลองใหม่",
                "The agent sees no card reader — plug the reader in and try again.",
            )
        case agent_errors.AgentNoCard():
            return Message(
                "Agent อ่านบัตรไม่ได้ — ถอดบัตรแล้วเสียบใหม่ แล้วลองอีกครั้ง",
                "The agent could not read the card — reinsert it and try again.",
            )
        case agent_errors.AgentRejected():
            return Message(
                f"สปสช. ปฏิเสธคำขอ: {error.message}",
                f"NHSO refused the request: {error.message}",
            )
        case agent_errors.AgentTimeout():
            return Message(
                "สปสช. ไม่ตอบภายในเวลาที่กำหนด — รอสักครู่แล้วลองใหม่ (บันทึกการขอไว้แล้ว)",
                "NHSO did not answer in time — wait a moment and try again "
                "(the attempt is logged).",
            )
        case agent_errors.AgentBadAnswer():
            return Message(
                "คำตอบจาก Agent อ่านไม่ได้ — ลองใหม่ หากยังเป็นอยู่ให้แจ้งผู้ดูแลระบบ",
                "The agent's answer could not be read — try again; if it repeats, call IT.",
            )
        case AgentReadAnotherCard():
            return Message(
                "Agent อ่านได้บัตรคนละใบกับที่แสดงบนจอ — ให้มีบัตรผู้รับบริการใบเดียวในเครื่องอ่าน",
                "The agent read a different card than the one on screen — leave only the "
                "patient's card in the readers.",
            )
        case AuthenLogUnavailable():
            return Message(
                "บันทึกประวัติการยืนยันตัวตนไม่ได้ (ดิสก์เต็มหรือไม่มีสิทธิ์เขียน) จึงยังไม่ส่งคำขอ — แจ้งผู้ดูแลระบบ",
                "The authen log cannot be written (disk full or no permission), so nothing "
                "was sent — call IT.",
            )
    return message_for(error)
