"""`authen-desk read-card`: one read of the card in a real PC/SC reader."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from app.messages import Message, message_for
from cardreader import errors
from cardreader.backend import Snapshot
from cardreader.cid import format_cid
from cardreader.model import IdCard
from cardreader.pcsc import PcscBackend
from cardreader.reading import read_card

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_OTHER = 1
EXIT_NO_READER = 2
EXIT_NO_CARD = 3
EXIT_READ_FAILED = 4
EXIT_NOT_THAI_ID = 5

_EXIT_CODES: list[tuple[type[errors.CardError], int]] = [
    (errors.PcscServiceGone, EXIT_NO_READER),
    (errors.NoReader, EXIT_NO_READER),
    (errors.NoCard, EXIT_NO_CARD),
    (errors.NotThaiIdCard, EXIT_NOT_THAI_ID),
    (errors.CardRemoved, EXIT_READ_FAILED),
    (errors.CardUnresponsive, EXIT_READ_FAILED),
    (errors.CardDataInvalid, EXIT_READ_FAILED),
    (errors.CardBusy, EXIT_READ_FAILED),
]


def exit_code_for(error: errors.CardError) -> int:
    for kind, code in _EXIT_CODES:
        if isinstance(error, kind):
            return code
    return EXIT_OTHER


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("read-card", help="read the Thai ID card in a PC/SC reader")
    parser.add_argument("--reader", help="reader name (or a unique part of it)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--photo", type=Path, help="write the card's photo (JPEG) here")
    parser.set_defaults(handler=run)


def choose_reader(snapshot: Snapshot, wanted: str | None) -> str:
    """The named reader, or else the first one holding a card."""
    if not snapshot:
        raise errors.NoReader("no reader connected")
    if wanted:
        if wanted in snapshot:
            return wanted
        matches = [r for r in snapshot if wanted.lower() in r.lower()]
        if len(matches) != 1:
            raise errors.NoReader(f"no single reader matches {wanted!r}")
        return matches[0]
    for reader, presence in snapshot.items():
        if presence is not None:
            return reader
    raise errors.NoCard("no reader holds a card")


def _print_human(card: IdCard, reader: str) -> None:
    print(f"เครื่องอ่าน / Reader : {reader}")
    print(f"เลขประจำตัว / CID    : {format_cid(card.cid)}")
    print(f"ชื่อ / Name (TH)     : {card.name_th.full}")
    print(f"ชื่อ / Name (EN)     : {card.name_en.full}")
    print(f"เกิด / Born          : {card.birth_date or '-'}")
    print(f"เพศ / Sex            : {card.sex}")
    print(f"ที่อยู่ / Address      : {card.address.one_line}")
    print(f"ออกบัตร / Issued     : {card.issue_date or '-'}")
    print(f"หมดอายุ / Expires    : {card.expiry_date or '-'}")


def fail(message: Message) -> None:
    print(message.one_line(), file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    backend = PcscBackend()
    try:
        backend.open()
        reader = choose_reader(backend.poll(0), args.reader)
        card, apdus = read_card(backend, reader, with_photo=True)
    except errors.CardError as exc:
        log.info("read-card failed: %s: %s", type(exc).__name__, exc)
        fail(message_for(exc))
        return exit_code_for(exc)
    finally:
        backend.close()
    log.info("read-card: %d C-APDUs from %s", apdus, reader)
    if args.photo is not None:
        if card.photo is None:
            print("บัตรนี้ไม่มีรูปถ่าย / This card holds no photo.", file=sys.stderr)
        else:
            try:
                args.photo.write_bytes(card.photo)
            except OSError as exc:
                fail(
                    Message(
                        f"บันทึกรูปไม่ได้ ({exc.strerror}) — เลือกที่เก็บไฟล์อื่น",
                        f"Could not save the photo ({exc.strerror}) — choose another place.",
                    )
                )
                return EXIT_OTHER
    if args.json:
        print(json.dumps(card.to_json(), ensure_ascii=False))
    else:
        _print_human(card, reader)
    return EXIT_OK
