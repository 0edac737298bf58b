"""A simulated agent with a card in a simulated reader, for client, flow and GUI tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from app.demo.reader import SimulatedCardSource
from app.demo.simulated_agent import SimulatedAgent
from cardreader.virtual.card import VirtualThaiIdCard
from cardreader.virtual.persona import shipped_persona
from cardreader.virtual.simulated import DEFAULT_READER, SimulatedReaders

OUR_HCODE = "12345"


@dataclass
class AgentRig:
    agent: SimulatedAgent
    readers: SimulatedReaders

    @property
    def url(self) -> str:
        return self.agent.url

    def insert(self, persona_id: str) -> None:
        self.readers.remove(DEFAULT_READER)
        self.readers.insert(VirtualThaiIdCard(shipped_persona(persona_id)), DEFAULT_READER)

    def posts(self) -> int:
        return sum(1 for r in self.agent.requests if r.startswith("POST"))


@contextmanager
def agent_rig(persona_id: str | None = "somchai") -> Iterator[AgentRig]:
    readers = SimulatedReaders()
    agent = SimulatedAgent(SimulatedCardSource(readers), hcode=OUR_HCODE)
    agent.start()
    rig = AgentRig(agent, readers)
    if persona_id:
        rig.insert(persona_id)
    try:
        yield rig
    finally:
        agent.stop()
