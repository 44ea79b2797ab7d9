"""The users product's tables: its handlers by operationId, the events it emits,
its triggers and what it does when a member leaves."""

from __future__ import annotations

from zemu.services.context import Handler
from zemu.services.registry import Product
from zemu.services.users import activity, delegation, demo, lifecycle, presence, profile, settings
from zemu.services.users.triggers import TRIGGERS

# webhook events this product's operations (and triggers) emit
EMITS: tuple[str, ...] = (
    "user.created",
    "user.invitation_accepted",
    "user.updated",
    "user.settings_updated",
    "user.activated",
    "user.deactivated",
    "user.disassociated",
    "user.deleted",
    "user.signed_in",
    "user.signed_out",
    "user.presence_status_updated",
    "user.personal_notes_updated",
)


HANDLERS: dict[str, Handler] = {
    # profile
    "users": profile.list_users,
    "user": profile.get_user,
    "userUpdate": profile.update_user,
    "userEmail": profile.email_exists,
    "userVanityName": profile.vanity_name_exists,
    # lifecycle
    "userCreate": lifecycle.create,
    "userDelete": lifecycle.delete,
    "userStatus": lifecycle.change_status,
    "userEmailUpdate": lifecycle.change_email,
    "userPassword": lifecycle.change_password,
    "userPicture": lifecycle.upload_picture,
    # settings
    "userSettings": settings.get_settings,
    "userSettingsUpdate": settings.update_settings,
    # delegation and tokens
    "userAssistants": delegation.list_assistants,
    "userAssistantCreate": delegation.add_assistants,
    "userAssistantDelete": delegation.delete_assistant,
    "userAssistantsDelete": delegation.delete_assistants,
    "userSchedulers": delegation.list_schedulers,
    "userSchedulerDelete": delegation.delete_scheduler,
    "userSchedulersDelete": delegation.delete_schedulers,
    "userPermission": delegation.permissions,
    "userToken": delegation.user_token,
    "userSSOTokenDelete": presence.revoke_sso_token,
    # presence
    "getUserPresenceStatus": presence.get_presence,
    "updatePresenceStatus": presence.put_presence,
    # what the user hosts (scheduled by the meetings product)
    "userPACs": activity.list_pacs,
}

PRODUCT = Product(
    name="users",
    handlers=HANDLERS,
    emits=frozenset(EMITS),
    triggers=TRIGGERS,
    demo=demo.add_demo,
)
