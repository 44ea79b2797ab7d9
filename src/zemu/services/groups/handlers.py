"""The groups product's tables: its handlers by operationId, the events it emits,
its triggers and what it does when a member leaves."""

from __future__ import annotations

from zemu.services.context import Handler
from zemu.services.groups import demo, groups, members, settings
from zemu.services.groups.triggers import TRIGGERS
from zemu.services.registry import Product

HANDLERS: dict[str, Handler] = {
    "groups": groups.list_groups,
    "group": groups.get_group,
    "groupCreate": groups.create_group,
    "groupUpdate": groups.update_group,
    "groupDelete": groups.delete_group,
    "groupMembers": members.list_members,
    "groupMembersCreate": members.add_members,
    "groupMembersDelete": members.delete_member,
    "updateAGroupMember": members.update_member,
    "groupAdmins": members.list_admins,
    "groupAdminsCreate": members.add_admins,
    "groupAdminsDelete": members.delete_admin,
    "getGroupSettings": settings.get_settings,
    "updateGroupSettings": settings.update_settings,
    "getGroupLockSettings": settings.get_lock_settings,
    "groupLockedSettings": settings.update_lock_settings,
}

# webhook events this product's operations emit
EMITS: tuple[str, ...] = (
    "group.created",
    "group.updated",
    "group.deleted",
    "group.member_added",
    "group.member_deleted",
    "group.admin_added",
    "group.admin_deleted",
    "group.settings_updated",
    "group.lock_settings_updated",
)

PRODUCT = Product(
    name="groups",
    handlers=HANDLERS,
    emits=frozenset(EMITS),
    triggers=TRIGGERS,
    demo=demo.add_demo,
)
