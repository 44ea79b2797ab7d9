"""The Team Chat part of the demo: three channels with three days of conversation (threads and
a reaction among them), a direct conversation, a file the owner can attach, two IM groups and a
chatbot app."""

from __future__ import annotations

from typing import Any

from zemu.ids import Ids
from zemu.services.team_chat import channels, chatbot, im_groups, messages
from zemu.services.team_chat.model import FILES, PRIVATE, PUBLIC, session_of_users
from zemu.services.team_chat.quiet import quiet_context
from zemu.services.users.model import USERS
from zemu.store import Tx

Doc = dict[str, Any]

LINES = (
    "Morning all - standup in ten.",
    "Deploy went out, watching the dashboards.",
    "Can someone review the pricing page copy?",
    "Lunch order closes at noon.",
    "Customer call moved to 3pm.",
    "Thanks for the quick fix!",
    "Notes from the sync are in the doc.",
    "Who owns the release checklist this week?",
    "The printer on 4 is fixed.",
)
REPLIES = ("On it.", "Done, left two comments.", "+1")
CHATBOT = "zemu demo chatbot"


def add_demo(tx: Tx, ids: Ids, now: float, master: Doc) -> Doc:
    users = list(USERS.each(tx, master["id"], {"status": "active"}))
    owner = next(u for u in users if u["id"] == master["owner_id"])
    ctx = quiet_context(tx, ids, now, master["id"], owner["id"])
    engineers = [u for u in users if u.get("dept") == "Engineering"]
    made = [
        channels.new_channel(ctx, owner, "general", PUBLIC, members=users),
        channels.new_channel(ctx, owner, "engineering", PRIVATE, members=engineers),
        channels.new_channel(ctx, owner, "random", PUBLIC, members=users[:6]),
    ]
    count = 0
    for channel, speakers in zip(made, (users, [owner, *engineers], users[:6]), strict=True):
        count += _conversation(ctx, channel, speakers, now)
    peer = next(u for u in users if u["id"] != owner["id"])
    direct = messages.Target(session_of_users(owner["id"], peer["id"]), None, peer)
    for day in range(3):
        messages.post(
            ctx,
            owner,
            direct,
            f"Quick question about the day-{day + 1} plan?",
            at_ms=int((now - (2 - day) * 86_400 - 3_600) * 1000),
            emit=False,
        )
    FILES.save(
        tx,
        {
            "id": "demo-agenda",
            "file_id": "demo-agenda",
            "owner_id": owner["id"],
            "account_id": master["id"],
            "file_name": "agenda.pdf",
            "file_size": 48_213,
            "download_url": "https://file.zoom.us/file/demo-agenda",
        },
    )
    groups = [
        im_groups.new_group(ctx, master["id"], {"name": name, "search_by_account": True})
        for name in ("Everyone", "Support Desk")
    ]
    for user in users:
        im_groups.add_member(ctx, groups[0], user)
        if user.get("dept") == "Support":
            im_groups.add_member(ctx, groups[1], user)
    bot = chatbot.create_chatbot(tx, ids, now, account_id=master["id"], owner_id=owner["id"], name=CHATBOT)
    return {
        "channel_ids": [c["id"] for c in made],
        "messages": count + 3,
        "im_group_ids": [g["id"] for g in groups],
        "chatbot": bot["id"],
    }


def _conversation(ctx: Any, channel: Doc, speakers: list[Doc], now: float) -> int:
    """Three days of messages, oldest first, a reply under every third one and one reaction."""
    target = messages.Target(channel["id"], channel, None)
    count = 0
    for day in range(3):
        start = now - (2 - day) * 86_400 - 6 * 3_600
        for i in range(3):
            speaker = speakers[ctx.ids.number(0, len(speakers) - 1)]
            at = int((start + i * 1_200) * 1000)
            main = messages.post(ctx, speaker, target, LINES[(day * 3 + i) % len(LINES)], at_ms=at, emit=False)
            count += 1
            if i == 0:
                responder = speakers[(speakers.index(speaker) + 1) % len(speakers)]
                messages.post(
                    ctx, responder, target, REPLIES[day % len(REPLIES)], main=main, at_ms=at + 60_000, emit=False
                )
                main["reactions"] = {"thumbsup": [responder["id"]]}
                messages.MESSAGES.save(ctx.tx, main)
                count += 1
    return count
