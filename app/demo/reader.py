"""The built-in simulated reader: the demo, training and GUI tests need no hardware."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.staff.session import StaffMember
from cardreader.virtual.card import VirtualThaiIdCard, VirtualTransport
from cardreader.virtual.persona import Persona, shipped_personas
from cardreader.virtual.simulated import DEFAULT_READER, SimulatedReaders

if TYPE_CHECKING:  # http.server loads when the agent starts, after the window shows
    from app.demo.simulated_agent import SimulatedAgent
    from cardreader.model import IdCard

DEMO_HCODE = "99999"
DEMO_CLINIC_NAME = "คลินิกสาธิต Authen Desk"
DEMO_STAFF_PERSONA = "suda"
# Serves from the start in `authen-desk --demo`: nothing stands between F5 and a code.
DEMO_STAFF = StaffMember("1709900011220", "นางสาวสุดา ใจงาม (สาธิต)")
DEMO_RIGHTS = {"boonmee": "OFC"}  # a civil servant: the agent's OFC answer has no hosp*


@dataclass(frozen=True)
class PersonaChoice:
    """A person the demo bar offers to insert."""

    id: str
    label: str


class DemoReader:
    """One simulated reader and the shipped personas to put into it."""

    def __init__(self, apdu_delay: float = 0.004) -> None:
        # ~4 ms per APDU is what a good USB reader manages: the photo arrives just after
        # the name, as it does at a real desk.
        self.readers = SimulatedReaders((DEFAULT_READER,), apdu_delay=apdu_delay)
        self._personas: dict[str, Persona] = {p.id: p for p in shipped_personas()}
        self.agent: SimulatedAgent | None = None
        self._agent_port = 0
        self._agent_down = False

    @property
    def reader_name(self) -> str:
        return DEFAULT_READER

    def choices(self) -> list[PersonaChoice]:
        return [PersonaChoice(p.id, p.label) for p in self._personas.values()]

    def insert(self, persona_id: str) -> None:
        self.readers.insert(VirtualThaiIdCard(self._personas[persona_id]), DEFAULT_READER)

    def remove(self) -> None:
        self.readers.remove(DEFAULT_READER)

    @property
    def has_card(self) -> bool:
        return self.readers.card_in(DEFAULT_READER) is not None

    def start_agent(self, hcode: str = DEMO_HCODE) -> SimulatedAgent:
        """The simulated NHSO agent, with the personas' demo history (x_agent fields)."""
        from app.demo.simulated_agent import SimulatedAgent
        from cardreader.thai_id import read_id_card

        agent = SimulatedAgent(SimulatedCardSource(self.readers), hcode=hcode)
        for persona in self._personas.values():
            rights = persona.extra.get("x_agent", {}).get("rights") or DEMO_RIGHTS.get(persona.id)
            if rights:
                agent.rights[persona.cid] = str(rights)
            x_agent = persona.extra.get("x_agent", {})
            other = x_agent.get("other_hospital_today")
            if other:
                name = str(x_agent.get("other_hospital_name", ""))
                agent.seed_code(persona.cid, "PG0060001", str(other), hname=name)
            if persona.thai_id:  # NHSO's status service answers with the person's name
                card = read_id_card(VirtualTransport(VirtualThaiIdCard(persona)), with_photo=False)
                agent.people[persona.cid] = (card.name_th.first, card.name_th.last)
        agent.start(self._agent_port)
        self._agent_port = int(agent.url.rsplit(":", 1)[1])
        self.agent = agent
        return agent

    @property
    def agent_down(self) -> bool:
        """The demo bar's "agent down": the simulated agent stopped, its port closed."""
        return self._agent_down

    def set_agent_down(self, down: bool) -> None:
        """Stop the simulated agent (connections refused, as when the real one is not
        running) or start it again on the same address."""
        agent = self.agent
        if agent is None or down == self._agent_down:
            return
        if down:
            agent.stop()
        else:
            agent.start(self._agent_port)
        self._agent_down = down

    def stop_agent(self) -> None:
        if self.agent is not None:
            if not self._agent_down:
                self.agent.stop()
            self.agent = None
            self._agent_down = False

    def mobile_hint(self, pid: str) -> str | None:
        """A demo person's 'last visit' mobile, so a newcomer can confirm with one Enter.
        Junk is never offered (the flow's clean_mobile); the flow marks it source "demo"."""
        from app.authen.flow import clean_mobile

        for persona in self._personas.values():
            mobile = persona.extra.get("x_agent", {}).get("mobile")
            if persona.cid == pid and mobile:
                return clean_mobile(mobile)
        return None


class SimulatedCardSource:
    """What the simulated agent sees: the simulated readers and the card in the first one
    holding a card. It reads its own copy of the card, as the real agent opens its own
    PC/SC session, so it never disturbs the program's card thread."""

    def __init__(self, readers: SimulatedReaders) -> None:
        self._readers = readers

    def terminals(self) -> list[tuple[str, bool]]:
        return [
            (name, self._readers.card_in(name) is not None) for name in self._readers.reader_names
        ]

    def card(self, with_photo: bool) -> IdCard | None:
        from cardreader.thai_id import read_id_card  # loaded by the agent's start already

        for name in self._readers.reader_names:
            inserted = self._readers.card_in(name)
            if inserted is not None and inserted.persona.thai_id:
                copy = VirtualThaiIdCard(inserted.persona)
                return read_id_card(VirtualTransport(copy), with_photo=with_photo)
        return None
