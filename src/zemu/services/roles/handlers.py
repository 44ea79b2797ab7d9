"""The roles product's tables: its handlers by operationId, the events it emits,
its triggers and what it does when a member leaves."""

from __future__ import annotations

from zemu.services.context import Handler, Trigger
from zemu.services.registry import Product
from zemu.services.roles import demo, roles

HANDLERS: dict[str, Handler] = {
    "roles": roles.list_roles,
    "accounts:getRoleInformation": roles.get_role,  # not /phone/roles: Zoom Phone's roles are another resource
    "roleMembers": roles.list_members,
    "createRole": roles.create_role,
    "accounts:AddRoleMembers": roles.add_members,
    "updateRole": roles.update_role,
    "deleteRole": roles.delete_role,
    "roleMemberDelete": roles.delete_member,
}

# role changes are announced as the members' ``user.updated`` (declared by users)
EMITS: tuple[str, ...] = ()
TRIGGERS: dict[str, Trigger] = {}

PRODUCT = Product(
    name="roles",
    handlers=HANDLERS,
    emits=frozenset(EMITS),
    triggers=TRIGGERS,
    demo=demo.add_demo,
)
