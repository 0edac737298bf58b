"""`authen-desk read-card`: one read of the card in a real PC/SC reader."""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.exit_codes import ExitCode
from app.cli.output import fail, say
from app.words import card as card_words
from cardreader import errors
from cardreader.backend import Snapshot

if TYPE_CHECKING:
    from app.cli.parser import Subparsers
    from cardreader.model import IdCard

log = logging.getLogger(__name__)


def add_parsers(subparsers: Subparsers) -> None:
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
    from cardreader.cid import format_cid

    print(f"เครื่องอ่าน / Reader : {reader}")
    print(f"เลขประจำตัว / CID    : {format_cid(card.cid)}")
    print(f"ชื่อ / Name (TH)     : {card.name_th.full}")
    print(f"ชื่อ / Name (EN)     : {card.name_en.full}")
    print(f"เกิด / Born          : {card.birth_date or '-'}")
    print(f"เพศ / Sex            : {card.sex}")
    print(f"ที่อยู่ / Address      : {card.address.one_line}")
    print(f"ออกบัตร / Issued     : {card.issue_date or '-'}")
    print(f"หมดอายุ / Expires    : {card.expiry_date or '-'}")


def run(args: argparse.Namespace) -> int:
    from app.atomic_file import check_output_target, write_private
    from app.file_errors import NotRegularOutput
    from cardreader.pcsc import PcscBackend
    from cardreader.reading import read_card

    if args.photo is not None:
        try:
            check_output_target(args.photo)  # before the card is read, not after
        except NotRegularOutput as exc:
            return fail(exc, "read-card")
    backend = PcscBackend()
    try:
        backend.open()
        reader = choose_reader(backend.poll(0), args.reader)
        card, apdus = read_card(backend, reader, with_photo=True)
    except errors.CardError as exc:
        return fail(exc, "read-card")
    finally:
        backend.close()
    log.info("read-card: %d C-APDUs from %s", apdus, reader)
    if args.photo is not None:
        if card.photo is None:
            say(card_words.NO_PHOTO)
        else:
            try:
                write_private(args.photo, card.photo)  # a patient's photo: 0600
            except NotRegularOutput as exc:
                return fail(exc, "read-card")
            except OSError as exc:
                say(card_words.photo_not_saved(str(exc.strerror)))
                return ExitCode.FAILURE
    if args.json:
        print(json.dumps(card.to_json(), ensure_ascii=False))
    else:
        _print_human(card, reader)
    return ExitCode.OK
