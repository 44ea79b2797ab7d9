"""Team Chat's documents and where each is filed.

    chat_channel   a channel, filed under its account, sorted by lower-case name
    chat_member    one member of a channel, filed under the channel, sorted by email
    chat_joined    the same membership seen from the user, filed under the user, sorted by channel name
    chat_message   a message, filed under its session (a channel id, or ``dm:{a}:{b}`` for two users),
                   sorted newest first (``newest_first``), filed by its thread and by whether it is a reply
    chat_file      a file a message can carry, filed under its owner

Messages are sorted newest first because every message list Zoom answers reads backwards in time
from the end of a date range; a range of dates is therefore an index range of sort keys.
"""

from __future__ import annotations

from typing import Any

from zemu.services.resource import Collection

Doc = dict[str, Any]

PRIVATE, PRIVATE_WITH_EXTERNAL, PUBLIC, GROUP_CHAT = 1, 2, 3, 4
# Zoom counts milliseconds since 1970; a key of that width subtracted from 10**14 sorts newest first.
_EPOCH_SPAN = 10**14


def newest_first(ms: int) -> str:
    return f"{_EPOCH_SPAN - ms:015d}"


def session_of_users(a: str, b: str) -> str:
    """The one conversation two users share, whichever of them speaks."""
    low, high = sorted((a, b))
    return f"dm:{low}:{high}"


CHANNELS = Collection(
    "chat_channel",
    sort=lambda d: d["name"].lower(),
    filters={"type": lambda d: d["type"]},
    keywords=lambda d: (d["name"],),
)
MEMBERS = Collection(
    "chat_member",
    sort=lambda d: d["email"].lower(),
    scope=lambda d: d["channel_id"],
    filters={"role": lambda d: d["role"]},
)
JOINED = Collection(
    "chat_joined",
    sort=lambda d: d["channel_name"].lower(),
    scope=lambda d: d["user_id"],
)
MESSAGES = Collection(
    "chat_message",
    sort=lambda d: newest_first(d["timestamp"]),
    scope=lambda d: d["session_id"],
    filters={
        "main": lambda d: not d.get("reply_main_message_id"),
        "thread": lambda d: d.get("reply_main_message_id"),
        "has_file": lambda d: bool(d.get("files")),
    },
    keywords=lambda d: (d["message"],),
)
FILES = Collection(
    "chat_file",
    sort=lambda d: d["file_name"].lower(),
    scope=lambda d: d["owner_id"],
)


def membership_id(channel_id: str, user_id: str) -> str:
    return f"{channel_id}/{user_id}"


def member_of(tx: Any, channel_id: str, user_id: str | None) -> Doc | None:
    return MEMBERS.get(tx, membership_id(channel_id, user_id)) if user_id else None


def add_member(tx: Any, channel: Doc, user: Doc, role: str, now: float) -> Doc:
    member = {
        "id": membership_id(channel["id"], user["id"]),
        "channel_id": channel["id"],
        "user_id": user["id"],
        "account_id": channel["account_id"],
        "email": user["email"],
        "role": role,
        "first_name": user.get("first_name", ""),
        "last_name": user.get("last_name", ""),
        "name": user.get("display_name", ""),
        "is_external": user["account_id"] != channel["account_id"],
        "added_at": now,
    }
    MEMBERS.save(tx, member)
    JOINED.save(
        tx,
        {
            "id": member["id"],
            "user_id": user["id"],
            "channel_id": channel["id"],
            "account_id": channel["account_id"],
            "channel_name": channel["name"],
        },
    )
    return member


def remove_member(tx: Any, channel_id: str, user_id: str) -> None:
    MEMBERS.delete(tx, membership_id(channel_id, user_id))
    JOINED.delete(tx, membership_id(channel_id, user_id))


def save_channel(tx: Any, channel: Doc, *, renamed: bool = False) -> None:
    CHANNELS.save(tx, channel)
    if renamed:  # each member's list of channels is sorted by name
        for member in list(MEMBERS.each(tx, channel["id"])):
            JOINED.save(
                tx,
                {
                    "id": member["id"],
                    "user_id": member["user_id"],
                    "channel_id": channel["id"],
                    "account_id": channel["account_id"],
                    "channel_name": channel["name"],
                },
            )


def drop_channel(tx: Any, channel: Doc) -> None:
    """A deleted channel leaves nothing behind: its members, their rows and its messages."""
    for member in list(MEMBERS.each(tx, channel["id"])):
        remove_member(tx, channel["id"], member["user_id"])
    for message in list(MESSAGES.each(tx, channel["id"])):
        MESSAGES.delete(tx, message)
    CHANNELS.delete(tx, channel)


STATS_KIND = "chat_stats"
STAT_FIELDS = (
    "audio_sent",
    "code_sippet_sent",
    "files_sent",
    "giphys_sent",
    "group_sent",
    "images_sent",
    "p2p_sent",
    "text_sent",
    "total_sent",
    "video_sent",
)


def stats_id(user_id: str, day: str) -> str:
    return f"{user_id}/{day}"


def count_sent(tx: Any, message: Doc, day: str) -> None:
    """A user's messages of one day, counted as the chat dashboard shows them (``/metrics/im``)."""
    key = stats_id(message["sender_id"], day)
    stats = tx.get(STATS_KIND, key) or dict.fromkeys(STAT_FIELDS, 0)
    stats["total_sent"] += 1
    stats["group_sent" if message["channel_id"] else "p2p_sent"] += 1
    stats["files_sent" if message["files"] else "text_sent"] += 1
    tx.put(STATS_KIND, key, stats, account_id=message["account_id"], parent=message["sender_id"], sort=day)


def stats_of(tx: Any, user_id: str, day: str) -> Doc | None:
    found: Doc | None = tx.get(STATS_KIND, stats_id(user_id, day))
    return found
