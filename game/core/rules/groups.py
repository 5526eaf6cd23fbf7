"""Ateliers and mise en commun: groups of mixed roles, their drafts, spotlight, arguments."""

from __future__ import annotations

import random

from ..events import Event
from ..state import Argument, DraftItem, Group, State
from .registry import TRAINER, Ctx, evolver, rule

ROLE_ORDER = ("resident", "caretaker", "manager", None)


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


@rule("form_groups", who=(TRAINER,))
def form_groups(c: Ctx) -> None:
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
    c.emit("groups_formed", {"groups": [
        {"group": f"g{first + i}", "name": f"Groupe {i + 1}", "members": members}
        for i, members in enumerate(lists)
    ], "keep_drafts": a.keep_drafts})


def _last_group_number(s: State) -> int:
    """The highest n of a group id gn that the state knows or that something refers to."""
    ids = {*s.groups, *(p.group for p in s.proposals.values()),
           *(i.group for i in s.plan.values()), *(a.group for a in s.arguments.values())}
    return max((int(g[1:]) for g in ids if g and g[:1] == "g" and g[1:].isdigit()), default=0)


@evolver("groups_formed")
def _groups(s: State, e: Event) -> None:
    old = s.groups if e.data["keep_drafts"] else {}
    s.groups = {g["group"]: Group(g["group"], g["name"], list(g["members"]),
                                  old[g["group"]].draft if g["group"] in old else {})
                for g in e.data["groups"]}
    if s.spotlight not in s.groups:
        s.spotlight = None


@rule("move_member", who=(TRAINER,))
def move_member(c: Ctx) -> None:
    c.require(c.action.participant in c.state.participants, "unknown_participant")
    c.require(c.action.group in c.state.groups, "unknown_group")
    c.emit("member_moved", {"participant": c.action.participant, "group": c.action.group})


@evolver("member_moved")
def _moved(s: State, e: Event) -> None:
    pid = e.data["participant"]
    for g in s.groups.values():
        if pid in g.members:
            g.members.remove(pid)
    s.groups[e.data["group"]].members.append(pid)


def _my_group(c: Ctx) -> str:
    gid = c.state.group_of(c.actor.id)
    c.require(gid, "no_group")
    return gid  # type: ignore[return-value]


@rule("draft_place", phases=("ateliers",))
def draft_place(c: Ctx) -> None:
    sc = c.state.scenario
    gid = _my_group(c)
    space = sc.index("space").get(c.action.space)
    c.require(space, "unknown_space")
    use = sc.index("use").get(c.action.use)
    c.require(use, "unknown_use")
    c.require(sc.use_fits(use, space), "use_not_allowed")
    c.emit("draft_placed", {"group": gid, "space": space.id, "use": use.id,
                            "why": c.action.why.strip()})


@evolver("draft_placed")
def _draft_placed(s: State, e: Event) -> None:
    d = e.data
    s.groups[d["group"]].draft[d["space"]] = DraftItem(d["use"], d["why"], e.by)


@rule("draft_clear", phases=("ateliers",))
def draft_clear(c: Ctx) -> None:
    gid = _my_group(c)
    c.require(c.action.space in c.state.groups[gid].draft, "not_placed")
    c.emit("draft_cleared", {"group": gid, "space": c.action.space})


@evolver("draft_cleared")
def _draft_cleared(s: State, e: Event) -> None:
    del s.groups[e.data["group"]].draft[e.data["space"]]


@rule("spotlight", who=(TRAINER,))
def spotlight(c: Ctx) -> None:
    c.require(c.action.group is None or c.action.group in c.state.groups, "unknown_group")
    c.emit("spotlight_set", {"group": c.action.group})


@evolver("spotlight_set")
def _spotlight(s: State, e: Event) -> None:
    s.spotlight = e.data["group"]


@rule("argue", phases=("mise_en_commun",))
def argue(c: Ctx) -> None:
    c.require(c.action.group in c.state.groups, "unknown_group")
    c.emit("argument_added", {"argument": c.new_id("a"), "group": c.action.group,
                              "stance": c.action.stance, "text": c.action.text.strip()})


@evolver("argument_added")
def _argument(s: State, e: Event) -> None:
    d = e.data
    s.arguments[d["argument"]] = Argument(d["argument"], d["group"], e.by, d["stance"], d["text"], e.t)
