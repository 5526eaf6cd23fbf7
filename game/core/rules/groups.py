"""Ateliers and mise en commun: groups of mixed roles, their drafts, spotlight, arguments."""

from __future__ import annotations

import random
from typing import Any

from ..actions import Argue, DraftClear, DraftPlace, FormGroups, MoveMember, Spotlight
from ..events import (
    ArgumentAdded,
    DraftCleared,
    DraftPlaced,
    Event,
    FormedGroup,
    GroupsFormed,
    MemberMoved,
    SpotlightSet,
)
from ..kinds import PhaseKind, RoleKind
from ..state import Argument, DraftItem, Group, State
from .registry import TRAINER, Ctx, RuleSet

ruleset = RuleSet()

ROLE_ORDER: tuple[RoleKind | None, ...] = (*RoleKind, None)


def mixed_groups(state: State, count: int, salt: int) -> list[list[str]]:
    """Deal participants into `count` groups, role by role, so each group mixes roles.

    The shuffle is seeded from the session seed and the sequence number: a replay deals the
    same groups.
    """
    rng = random.Random(f"{state.seed}:{salt}")
    groups: list[list[str]] = [[] for _ in range(count)]
    slot = rng.randrange(count)
    for role in ROLE_ORDER:
        pids = sorted(p.id for p in state.participants.values() if p.role == role)
        rng.shuffle(pids)
        for pid in pids:
            groups[slot % count].append(pid)
            slot += 1
    return groups


@ruleset.rule(FormGroups, who=(TRAINER,))
def form_groups(c: Ctx[FormGroups]) -> None:
    a = c.action
    if a.groups:
        c.require(len(a.groups) == a.count, "bad_groups", "count")
        flat = [pid for g in a.groups for pid in g]
        c.require(len(flat) == len(set(flat)), "bad_groups", "duplicate")
        for pid in flat:
            c.require(pid in c.state.participants, "unknown_participant", pid)
        lists = [list(g) for g in a.groups]
    else:
        lists = mixed_groups(c.state, a.count, c.state.seq + 1)
    # with keep_drafts, group i goes on as the same group (its id, draft and items); otherwise
    # these are new groups: new ids, so no one inherits an earlier group's items (plan items
    # can be edited by their group's members)
    first = 1 if a.keep_drafts else _last_group_number(c.state) + 1
    c.emit(GroupsFormed([
        FormedGroup(group=f"g{first + i}", number=i + 1, members=members)
        for i, members in enumerate(lists)
    ], a.keep_drafts))


def _last_group_number(s: State) -> int:
    """The highest n of a group id gn that the state knows or that something refers to."""
    ids = {*s.groups, *(p.group for p in s.proposals.values()),
           *(i.group for i in s.plan.values()), *(a.group for a in s.arguments.values())}
    return max((int(g[1:]) for g in ids if g and g[:1] == "g" and g[1:].isdigit()), default=0)


@ruleset.evolver(GroupsFormed)
def _groups(s: State, e: Event[GroupsFormed]) -> None:
    old = s.groups if e.payload.keep_drafts else {}
    s.groups = {g["group"]: Group(g["group"], g["number"], list(g["members"]),
                                  old[g["group"]].draft if g["group"] in old else {})
                for g in e.payload.groups}
    if s.spotlight not in s.groups:
        s.spotlight = None


@ruleset.rule(MoveMember, who=(TRAINER,))
def move_member(c: Ctx[MoveMember]) -> None:
    c.require(c.action.participant in c.state.participants, "unknown_participant")
    c.require(c.action.group in c.state.groups, "unknown_group")
    c.emit(MemberMoved(c.action.participant, c.action.group))


@ruleset.evolver(MemberMoved)
def _moved(s: State, e: Event[MemberMoved]) -> None:
    pid = e.payload.participant
    for g in s.groups.values():
        if pid in g.members:
            g.members.remove(pid)
    s.groups[e.payload.group].members.append(pid)


def _my_group(c: Ctx[Any]) -> str:
    return c.need(c.state.group_of(c.actor.id), "no_group")


@ruleset.rule(DraftPlace, phases=(PhaseKind.ATELIERS,))
def draft_place(c: Ctx[DraftPlace]) -> None:
    sc = c.state.scenario
    gid = _my_group(c)
    space = c.need(sc.index("space").get(c.action.space), "unknown_space")
    use = c.need(sc.index("use").get(c.action.use), "unknown_use")
    c.require(sc.use_fits(use, space), "use_not_allowed")
    c.emit(DraftPlaced(group=gid, space=space.id, use=use.id, why=c.action.why.strip()))


@ruleset.evolver(DraftPlaced)
def _draft_placed(s: State, e: Event[DraftPlaced]) -> None:
    d = e.payload
    s.groups[d.group].draft[d.space] = DraftItem(d.use, d.why, e.by)


@ruleset.rule(DraftClear, phases=(PhaseKind.ATELIERS,))
def draft_clear(c: Ctx[DraftClear]) -> None:
    gid = _my_group(c)
    c.require(c.action.space in c.state.groups[gid].draft, "not_placed")
    c.emit(DraftCleared(group=gid, space=c.action.space))


@ruleset.evolver(DraftCleared)
def _draft_cleared(s: State, e: Event[DraftCleared]) -> None:
    del s.groups[e.payload.group].draft[e.payload.space]


@ruleset.rule(Spotlight, who=(TRAINER,))
def spotlight(c: Ctx[Spotlight]) -> None:
    c.require(c.action.group is None or c.action.group in c.state.groups, "unknown_group")
    c.emit(SpotlightSet(c.action.group))


@ruleset.evolver(SpotlightSet)
def _spotlight(s: State, e: Event[SpotlightSet]) -> None:
    s.spotlight = e.payload.group


@ruleset.rule(Argue, phases=(PhaseKind.MISE_EN_COMMUN,))
def argue(c: Ctx[Argue]) -> None:
    c.require(c.action.group in c.state.groups, "unknown_group")
    c.emit(ArgumentAdded(argument=c.new_id("a"), group=c.action.group, stance=c.action.stance,
                         text=c.action.text.strip()))


@ruleset.evolver(ArgumentAdded)
def _argument(s: State, e: Event[ArgumentAdded]) -> None:
    d = e.payload
    s.arguments[d.argument] = Argument(d.argument, d.group, e.by, d.stance, d.text, e.t)
