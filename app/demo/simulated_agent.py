"""A stand-in for the NHSO Secure SmartCard Agent, for --demo, training and tests.

A real HTTP server on 127.0.0.1 (a free port) that answers as public integrations show the
real agent does (docs/nhso-agent.md §1): 418 from /read and [] from /terminals without a
reader, 500 from /read without a card or while it settles, 400 for a second code of a claim
type the same day, codes held by another hospital, several codes a day (and an EP close-
claim code after a PP one), dates without offset, ages as Thai text, title codes, rights'
own start and end dates, OFC answers without hosp*/paidModel/expireDateTime. It reads the
patient from the simulated card, as the real agent reads the real one. The people are the
shipped made-up personas; nothing is copied from public samples.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import parse_qs, urlparse

from app import clock
from app.thai_format import BANGKOK, age_years
from cardreader.cid import is_valid_cid
from cardreader.model import IdCard

log = logging.getLogger(__name__)

CLAIM_TYPE_NAMES = {
    "PG0060001": "เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)",
    "PG0130001": "บริการฟอกเลือดด้วยเครื่องไตเทียม (HD)",
    "PG0180001": "บริการตรวจสุขภาพที่จำเป็นตามกลุ่มวัย (Bangkok)",
}
MAIN_INSCL = "(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ"
MAIN_INSCL_BY_KIND = {
    "UCS": MAIN_INSCL,
    "OFC": "(OFC) สิทธิข้าราชการ/สิทธิหน่วยงานรัฐ",
    "SSS": "(SSS) สิทธิประกันสังคม",
}
SSS_HOSPITAL = ("11998", "โรงพยาบาลประกันสังคมสาธิต")
TITLE_CODES = {"ด.ช.": "001", "ด.ญ.": "002", "นาย": "003", "นางสาว": "004", "น.ส.": "004",
               "นาง": "005"}  # fmt: skip
# Failure modes for tests and training (SimulatedAgent.fault):
FAULTS = (
    "slow", "garbage", "html",  # every answer
    "reject",  # confirm-save answers 400 "Invalid token."
    "confirm500", "latest500", "latest5_500", "terminals500",  # a 500 from that call
    "redirect",  # every answer is a 307 to another host
    # confirm-save answers 200, but not with this patient's code: the agent's reader holds
    # another person's card (their pid, their code); the pid written 1-1017-00123-45-6;
    # no pid; another claim type; an EP code / a code not PP + 10 digits
    "other_pid", "dashed_pid", "no_pid", "other_claim_type", "ep_code", "short_code",
    "no_claim_type",  # the answer has no claimType
    # every date the agent writes (checkDate, createdDate, the HTTP Date header) is of the
    # year 9999 (past Bangkok's calendar) / the sentinel 1970-01-01
    "far_dates", "sentinel_dates",
)  # fmt: skip
FAR_DATES = ("9999-12-31T20:00:00Z", "Fri, 31 Dec 9999 23:00:00 GMT")
SENTINEL_DATES = ("1970-01-01T00:00:00", "Thu, 01 Jan 1970 00:00:00 GMT")
OTHER_CARD_PID = "3100501234563"  # the card left in the agent's reader by "other_pid"


class CardSource(Protocol):
    def terminals(self) -> list[tuple[str, bool]]: ...

    def card(self, with_photo: bool) -> IdCard | None: ...


@dataclass
class IssuedCode:
    pid: str
    claim_type: str
    claim_code: str
    hcode: str
    issued_at: dt.datetime
    hname: str = ""  # the issuing hospital's name, when the answer gives one


def thai_age_text(birth_iso: str | None, today: dt.date) -> str:
    """Age as the agent writes it: "54 ปี 4 เดือน 22 วัน"."""
    if not birth_iso or birth_iso == "lifelong":
        return ""
    parts = [int(p) for p in birth_iso.split("-")] + [1, 1]
    born = dt.date(parts[0], parts[1] or 1, parts[2] or 1)
    months = (today.year - born.year) * 12 + today.month - born.month
    if today.day < born.day:
        months -= 1
    anchor_month = born.month + months
    anchor = dt.date(born.year + (anchor_month - 1) // 12, (anchor_month - 1) % 12 + 1, 1)
    anchor = anchor.replace(day=min(born.day, 28))
    return f"{months // 12} ปี {months % 12} เดือน {(today - anchor).days} วัน"


def _naive(moment: dt.datetime, timespec: str = "seconds") -> str:
    """Bangkok wall time without offset, as the real agent writes its dates."""
    return moment.astimezone(BANGKOK).replace(tzinfo=None).isoformat(timespec=timespec)


def claim_types_for(card: IdCard, today: dt.date) -> list[str]:
    """Rights differ per person, as they do at NHSO: everyone gets general care."""
    codes = ["PG0060001"]
    age = age_years(card.birth_date, today)
    if age is not None and age >= 60:
        codes.append("PG0130001")
    if "กรุงเทพ" in card.address.province:
        codes.append("PG0180001")
    return codes


def sub_inscl_for(card: IdCard, today: dt.date) -> str:
    age = age_years(card.birth_date, today) or 30
    if age < 12:
        return "(77) เด็กอายุไม่เกิน 12 ปีบริบูรณ์"
    if age >= 60:
        return "(74) ผู้มีอายุเกิน 60 ปีบริบูรณ์"
    return "(89) ช่วงอายุ 12-59 ปี"


class SimulatedAgent:
    def __init__(
        self,
        source: CardSource,
        hcode: str = "99999",
        hname: str = "หน่วยบริการสาธิต",
        now: Callable[[], dt.datetime] = clock.now,
    ) -> None:
        self.source = source
        self.hcode = hcode
        self.hname = hname
        self.now = now
        self.codes: list[IssuedCode] = []
        self.correlations: dict[str, str] = {}  # pid -> correlationId of its last /read
        self.fault: str | None = None  # one of FAULTS
        self.rights: dict[str, str] = {}  # pid -> "UCS" (default), "OFC" or "SSS"
        self.unsettled_reads = 0  # the next N /read answer 500 although a card is in
        self.other_hospital_refuses = True  # NHSO refuses while another hcode holds today's
        self.max_codes_per_day: int | None = None  # e.g. 2: a third authen a day is refused
        self.check_date_utc = False  # write checkDate as UTC without offset (one sample does)
        self.single_object_lists = False  # latest-5 and /terminals as one object when one
        self.create_date_key = "createdDate"  # "createDate" is seen too
        self.slow_seconds = 3.0
        self.people: dict[str, tuple[str, str]] = {}  # pid -> (first, last): status names
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ------------------------------------------------------------------
    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("simulated agent not started")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self, port: int = 0) -> str:
        """`port` 0: any free one; the demo restarts on its old port after "agent down"."""
        agent = self

        class Handler(_Handler):
            pass

        Handler.agent = agent
        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},  # stop() waits one poll; keep it short
            name="simulated-agent",
            daemon=True,
        )
        self._thread.start()
        return self.url

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # --- state --------------------------------------------------------------------
    def seed_code(
        self, pid: str, claim_type: str, hcode: str, when: dt.datetime | None = None,
        prefix: str = "PP", hname: str = "",
    ) -> str:  # fmt: skip
        """A code issued elsewhere (another hospital, or this one earlier); prefix "EP" for
        the code closing a claim, which latest-* lists among the others."""
        code = prefix + self._new_code()[2:]
        with self._lock:
            self.codes.append(IssuedCode(pid, claim_type, code, hcode, when or self.now(), hname))
        return code

    def _new_code(self) -> str:
        return "PP" + "".join(secrets.choice("0123456789") for _ in range(10))

    def recent(self, pid: str, count: int) -> list[IssuedCode]:
        """This person's codes, newest first."""
        with self._lock:
            mine = [c for c in self.codes if c.pid == pid]
        return sorted(mine, key=lambda c: c.issued_at, reverse=True)[:count]

    def latest(self, pid: str) -> IssuedCode | None:
        newest = self.recent(pid, 1)
        return newest[0] if newest else None

    def code_answer(self, code: IssuedCode, check_date: str) -> dict[str, Any]:
        """One code as latest-authen-code and latest-5 both answer it."""
        answer = {
            "claimType": code.claim_type,
            "claimCode": code.claim_code,
            "hcode": code.hcode,
            "claimDateTime": _naive(code.issued_at),
            "checkDate": check_date,
        }
        if code.hname:
            answer["hname"] = code.hname
        return answer

    def fault_dates(self) -> tuple[str, str] | None:
        """(NHSO's date, the HTTP Date header) under "far_dates"/"sentinel_dates"."""
        return {"far_dates": FAR_DATES, "sentinel_dates": SENTINEL_DATES}.get(self.fault or "")

    def check_date(self) -> str:
        dates = self.fault_dates()
        if dates is not None:
            return dates[0]
        now = self.now()
        if self.check_date_utc:
            return now.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds")
        return _naive(now, "milliseconds")

    # --- answers --------------------------------------------------------------------
    def read(self, with_image: bool, online: bool) -> tuple[int, Any]:
        terminals = self.source.terminals()
        if not terminals:
            return 418, "ไม่พบเครื่องอ่านบัตร (Card reader not found)"
        card = self.source.card(with_image)
        if card is None:
            return 500, "ไม่พบบัตร กรุณาเสียบบัตรใหม่ (No card, please re-insert)"
        with self._lock:
            if self.unsettled_reads > 0:
                self.unsettled_reads -= 1
                return 500, "อ่านบัตรไม่สำเร็จ กรุณาเสียบบัตรใหม่ (Card not ready)"
        now = self.now()
        body: dict[str, Any] = {
            "pid": card.cid,
            "titleName": TITLE_CODES.get(
                card.name_th.title, "003" if card.sex == "male" else "005"
            ),
            "fname": card.name_th.first,
            "lname": card.name_th.last,
            "nation": "099",
            "birthDate": _be(card.birth_date),
            "sex": {"male": "ชาย", "female": "หญิง"}.get(card.sex, ""),
            "age": thai_age_text(card.birth_date, now.date()),
        }
        if with_image and card.photo:
            body["image"] = base64.b64encode(card.photo).decode("ascii")
        if not online:
            return 200, body
        correlation = str(uuid.uuid4())
        with self._lock:
            self.correlations[card.cid] = correlation
        kind = self.rights.get(card.cid, "UCS")
        body.update(
            {
                "transDate": _naive(now),
                "checkDate": self.check_date(),
                "mainInscl": MAIN_INSCL_BY_KIND[kind],
                "subInscl": sub_inscl_for(card, now.date()) if kind == "UCS" else "",
                "claimTypes": [
                    {"claimType": code, "claimTypeName": CLAIM_TYPE_NAMES[code]}
                    for code in claim_types_for(card, now.date())
                ],
                "correlationId": correlation,
                # the rights' own period: a start years back, not today
                "startDateTime": f"{min(now.year - 3, 2021)}-10-01T00:00:00",
            }
        )
        if kind == "UCS":
            body.update(
                {
                    "hospMain": {"hcode": self.hcode, "hname": self.hname},
                    "hospSub": {"hcode": self.hcode, "hname": self.hname},
                    "hospMainOp": {"hcode": self.hcode, "hname": self.hname},
                    "paidModel": "1",
                    "expireDateTime": f"{now.year + 39}-03-19T23:59:59",
                }
            )
        elif kind == "SSS":
            hcode, hname = SSS_HOSPITAL
            body.update(
                {
                    "hospMain": {"hcode": hcode, "hname": hname},
                    "paidModel": "3",
                    "expireDateTime": f"{now.year + 1}-12-31T23:59:59",
                }
            )
        # OFC: no hosp*, paidModel or expireDateTime, as real OFC answers.
        return 200, body

    def confirm(self, body: object) -> tuple[int, Any]:
        if self.fault == "reject":
            return 400, "Invalid token."
        if self.fault == "confirm500":
            return 500, "Internal Server Error: NHSO service unavailable"
        if not isinstance(body, dict):
            return 400, "รูปแบบข้อมูลไม่ถูกต้อง (Malformed request)"
        pid = str(body.get("pid", ""))
        claim_type = str(body.get("claimType", ""))
        mobile = str(body.get("mobile", ""))
        if not is_valid_cid(pid):
            return 400, "เลขประจำตัวประชาชนไม่ถูกต้อง"
        if len(mobile) != 10 or not mobile.isascii() or not mobile.isdigit():
            return 400, "เบอร์โทรศัพท์ไม่ถูกต้อง"
        with self._lock:
            correlation = self.correlations.get(pid)
        if not correlation or body.get("correlationId") != correlation:
            return 400, "correlationId ไม่ถูกต้อง กรุณาอ่านบัตรใหม่"
        if claim_type not in CLAIM_TYPE_NAMES:
            return 400, f"ไม่พบประเภทการเข้ารับบริการ {claim_type}"
        now = self.now()
        with self._lock:
            today = [
                c for c in self.codes
                if c.pid == pid and c.claim_code.startswith("PP")
                and c.issued_at.astimezone(BANGKOK).date() == now.astimezone(BANGKOK).date()
            ]  # fmt: skip
            if any(c.claim_type == claim_type and c.hcode == self.hcode for c in today):
                return 400, "ผู้รับบริการได้รับการยืนยันตัวตนในวันนี้แล้ว (Already authenticated today)"
            if self.other_hospital_refuses and any(
                c.claim_type == claim_type and c.hcode != self.hcode for c in today
            ):
                return 400, "ผู้รับบริการได้รับการยืนยันตัวตนจากหน่วยบริการอื่นในวันนี้แล้ว"
            if self.max_codes_per_day is not None and len(today) >= self.max_codes_per_day:
                return 400, "ยืนยันตัวตนเกินจำนวนครั้งที่กำหนดต่อวัน"
            fault = self.fault or ""
            holder = OTHER_CARD_PID if fault == "other_pid" else pid
            number = self._new_code()
            if fault in ("ep_code", "short_code"):
                number = "EP" + number[2:] if fault == "ep_code" else number[:-3]
            code = IssuedCode(holder, claim_type, number, self.hcode, now)
            self.codes.append(code)
        answer: dict[str, Any] = {
            "pid": holder,
            "claimType": "PG0130001" if fault == "other_claim_type" else claim_type,
            "correlationId": correlation,
            self.create_date_key: _naive(now, "milliseconds"),
            "claimCode": code.claim_code,
        }
        dates = self.fault_dates()
        if dates is not None:
            answer[self.create_date_key] = dates[0]
        if fault == "dashed_pid":
            answer["pid"] = f"{pid[0]}-{pid[1:5]}-{pid[5:10]}-{pid[10:12]}-{pid[12]}"
        if fault == "no_pid":
            del answer["pid"]
        if fault == "no_claim_type":
            del answer["claimType"]
        return 200, answer

    def latest_answer(self, pid: str) -> dict[str, Any]:
        now = self.check_date()
        code = self.latest(pid)
        return {"checkDate": now} if code is None else self.code_answer(code, now)

    def latest_5_answer(self, pid: str) -> Any:
        now = self.check_date()
        answers = [self.code_answer(c, now) for c in self.recent(pid, 5)]
        return answers[0] if self.single_object_lists and len(answers) == 1 else answers

    def status_answer(self, pid: str, day: str) -> dict[str, Any]:
        """NHSO's authen-status service (no agent, Bearer token), as the demo simulates it."""
        with self._lock:
            mine = [c for c in self.codes if c.pid == pid and c.issued_at.date().isoformat() == day]
        first, last = self.people.get(pid, ("", ""))
        if not mine and not first:
            return {"statusAuthen": False, "statusMessage": "ไม่พบข้อมูล", "personalId": pid}
        histories = [
            {
                "hospital": {"hcode": c.hcode, "hname": c.hname or self.hname},
                "serviceDateTime": _naive(c.issued_at),
                "claimCode": c.claim_code,
                "service": {"code": c.claim_type, "name": CLAIM_TYPE_NAMES.get(c.claim_type, "")},
                "sourceChannel": "AUTHENCODE",
            }
            for c in mine
        ]
        return {
            "statusAuthen": bool(mine), "statusMessage": "" if mine else "ไม่พบการยืนยันตัวตน",
            "personalId": pid, "firstName": first, "lastName": last,
            "serviceHistories": histories,
        }  # fmt: skip

    def terminals_answer(self) -> tuple[int, Any]:
        if self.fault == "terminals500":
            return 500, "Internal Server Error"
        answers = [{"terminalName": n, "isPresent": p} for n, p in self.source.terminals()]
        if self.single_object_lists and len(answers) == 1:
            return 200, answers[0]
        return 200, answers


def _be(iso: str | None) -> str:
    if not iso or iso == "lifelong":
        return ""
    parts = [*iso.split("-"), "00", "00"][:3]
    return f"{int(parts[0]) + 543:04d}{parts[1]}{parts[2]}"


class _Handler(BaseHTTPRequestHandler):
    agent: SimulatedAgent
    server_version = "SimulatedNHSOAgent/1.1.1"

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("simulated agent: " + format, *args)

    def date_time_string(self, timestamp: float | None = None) -> str:
        """The Date header by the agent's clock (`now`), as a real agent on its own PC."""
        if timestamp is not None:
            return super().date_time_string(timestamp)
        dates = self.agent.fault_dates()
        if dates is not None:
            return dates[1]
        return format_datetime(self.agent.now().astimezone(dt.UTC), usegmt=True)

    def _send(self, status: int, body: Any) -> None:
        fault = self.agent.fault
        if fault == "slow":
            time.sleep(self.agent.slow_seconds)
        if fault == "redirect":
            payload = b""
            self.send_response(307)
            self.send_header("Location", "http://collector.example.net" + self.path)
        elif fault == "html":
            payload = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
            self.send_response(502)
            self.send_header("Content-Type", "text/html")
        elif fault == "garbage":
            payload = b"\x00\xff{not json"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
        else:
            if status >= 400 and isinstance(body, str):
                body = {
                    "timestamp": self.agent.now().isoformat(),
                    "status": status,
                    "error": {
                        400: "Bad Request",
                        418: "I'm a teapot",
                        500: "Internal Server Error",
                    }.get(status, "Error"),
                    "message": body,
                    "errors": [{"defaultMessage": body, "code": str(status)}],
                    "path": urlparse(self.path).path,
                }
            payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self) -> None:
        url = urlparse(self.path)
        self.agent.requests.append(f"GET {url.path}")
        image = parse_qs(url.query).get("readImageFlag", ["false"])[0] == "true"
        fault = self.agent.fault
        if url.path == "/api/smartcard/terminals":
            self._send(*self.agent.terminals_answer())
        elif url.path == "/authencodestatus/api/check-authen-status":
            query = parse_qs(url.query)
            pid, day = query.get("personalId", [""])[0], query.get("serviceDate", [""])[0]
            self._send(200, self.agent.status_answer(pid, day))
        elif url.path == "/api/smartcard/read":
            self._send(*self.agent.read(image, online=True))
        elif url.path == "/api/smartcard/read-card-only":
            self._send(*self.agent.read(image, online=False))
        elif url.path.startswith("/api/nhso-service/latest-authen-code/"):
            if fault == "latest500":
                self._send(500, "Internal Server Error: NHSO service unavailable")
            else:
                self._send(200, self.agent.latest_answer(url.path.rsplit("/", 1)[1]))
        elif url.path.startswith("/api/nhso-service/latest-5-authen-code-all-hospital/"):
            if fault in ("latest500", "latest5_500"):
                self._send(500, "Internal Server Error: NHSO service unavailable")
            else:
                self._send(200, self.agent.latest_5_answer(url.path.rsplit("/", 1)[1]))
        else:
            self._send(404, "Not Found")

    def do_POST(self) -> None:
        url = urlparse(self.path)
        self.agent.requests.append(f"POST {url.path}")
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if url.path != "/api/nhso-service/confirm-save":
            self._send(404, "Not Found")
            return
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            self._send(400, "รูปแบบข้อมูลไม่ถูกต้อง (Malformed JSON)")
            return
        self._send(*self.agent.confirm(body))
