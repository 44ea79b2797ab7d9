"""The Team Chat product: channels, members, messages and contacts with their events, IM groups and
chatbot messages."""

from __future__ import annotations

from zemu.services.context import Handler, Trigger
from zemu.services.registry import Product
from zemu.services.team_chat import (
    channels,
    chatbot,
    contacts,
    demo,
    im_groups,
    members,
    messages,
    metrics,
    threads,
    triggers,
)

HANDLERS: dict[str, Handler] = {
    "createChannel": channels.create_channel,
    "getChannels": channels.list_channels,
    "getAccountChannels": channels.list_account_channels,
    "getUserLevelChannel": channels.get_channel,
    "updateUserLevelChannel": channels.update_channel,
    "deleteUserLevelChannel": channels.delete_channel,
    "listUserLevelChannelMembers": members.list_members,
    "InviteUserLevelChannelMembers": members.invite_members,
    "removeAUserLevelChannelMember": members.remove_member,
    "joinChannel": members.join_channel,
    "leaveChannel": members.leave_channel,
    "getChatMessages": messages.list_messages,
    "sendaChatMessage": messages.send_message,
    "editMessage": messages.edit_message,
    "deleteChatMessage": messages.delete_message,
    "reactMessage": messages.react,
    "getChatMessage": threads.get_message,
    "retrieveThread": threads.retrieve_thread,
    "uploadAChatFile": threads.upload_file,
    "getUserContacts": contacts.list_contacts,
    "getUserContact": contacts.get_contact,
    "imGroups": im_groups.list_groups,
    "imGroup": im_groups.get_group,
    "imGroupCreate": im_groups.create_group,
    "imGroupUpdate": im_groups.update_group,
    "imGroupDelete": im_groups.delete_group,
    "imGroupMembers": im_groups.list_members,
    "imGroupMembersCreate": im_groups.add_members,
    "imGroupMembersDelete": im_groups.remove_member,
    "accounts:DashboardIM": metrics.dashboard_im,  # accounts-document operations (see rooms' dashboards)
    "accounts:dashboardChat": metrics.dashboard_im,
    "Sendchatbot": chatbot.send,
    "EditChatbotMessage": chatbot.edit,
    "DeleteAChatbotMessage": chatbot.delete,
}

TRIGGERS: dict[str, Trigger] = {
    "chat_channel.created": triggers.created,
    "chat_channel.updated": triggers.updated,
    "chat_channel.deleted": triggers.deleted,
    "chat_channel.member_invited": triggers.member_invited,
    "chat_channel.member_joined": triggers.member_joined,
    "chat_channel.member_left": triggers.member_left,
    "chat_channel.member_removed": triggers.member_removed,
    "chat_message.sent": triggers.message_sent,
    "chat_message.replied": triggers.message_replied,
    "chat_message.updated": triggers.message_updated,
    "chat_message.deleted": triggers.message_deleted,
    "team_chat.channel_reaction_added": triggers.channel_reaction_added,
    "team_chat.channel_reaction_removed": triggers.channel_reaction_removed,
    "team_chat.dm_reaction_added": triggers.dm_reaction_added,
    "team_chat.dm_reaction_removed": triggers.dm_reaction_removed,
}

PRODUCT = Product(
    name="team_chat",
    handlers=HANDLERS,
    emits=frozenset(TRIGGERS),
    triggers=TRIGGERS,
    demo=demo.add_demo,
)
