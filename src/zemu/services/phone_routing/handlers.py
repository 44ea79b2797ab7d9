"""The phone routing product's tables: its handlers by operationId, the events it emits,
its triggers and what it does when a member leaves."""

from __future__ import annotations

from zemu.services.context import Handler
from zemu.services.phone_routing import (
    demo,
    ivr,
    members,
    model,
    phone_numbers,
    policies,
    queues,
    receptionist_hours,
    receptionists,
    settings,
)
from zemu.services.registry import Product

HANDLERS: dict[str, Handler] = {
    # call queues
    "listCallQueues": queues.list_call_queues,
    "getACallQueue": queues.get_call_queue,
    "createCallQueue": queues.create_call_queue,
    "updateCallQueue": queues.update_call_queue,
    "deleteACallQueue": queues.delete_call_queue,
    "listCallQueueMembers": members.list_members,
    "addMembersToCallQueue": members.add_call_queue_members,
    "unassignMemberFromCallQueue": members.unassign_member,
    "unassignAllMembers": members.unassign_all_members,
    "ChangeCallQueueManager": members.change_manager,
    "assignPhoneToCallQueue": phone_numbers.assign_to_queue,
    "unAssignPhoneNumCallQueue": phone_numbers.unassign_one_from_queue,  # ONE number
    "unassignAPhoneNumCallQueue": phone_numbers.unassign_all_from_queue,  # ALL numbers
    "getCallQueuePolicy": policies.get_queue_policy,
    "updateCallQueuePolicy": policies.update_queue_policy,
    "addCQPolicySubSetting": policies.add_queue_access,
    "updateCQPolicySubSetting": policies.update_queue_access,
    "removeCQPolicySubSetting": policies.remove_queue_access,
    "getCallQueueSettings": settings.get_settings,
    "updateCallQueueSetting": settings.update_setting,
    "getCallQueueCallHandlingSetting": settings.get_call_handling,
    "updateCallQueueCallHandlingSetting": settings.update_call_handling,
    # auto receptionists
    "listAutoReceptionists": receptionists.list_auto_receptionists,
    "getAutoReceptionistDetail": receptionists.get_auto_receptionist,
    "addAutoReceptionist": receptionists.create_auto_receptionist,
    "updateAutoReceptionist": receptionists.update_auto_receptionist,
    "deleteAutoReceptionist": receptionists.delete_auto_receptionist,
    "getAutoReceptionistsPolicy": policies.get_receptionist_policy,
    "updateAutoReceptionistPolicy": policies.update_receptionist_policy,
    "AddPolicy": policies.add_receptionist_access,
    "updatePolicy": policies.update_receptionist_access,
    "DeletePolicy": policies.remove_receptionist_access,
    "getAutoReceptionistSettings": receptionist_hours.get_settings,
    "addAutoReceptionistSetting": receptionist_hours.add_setting,
    "updateAutoReceptionistSetting": receptionist_hours.update_setting,
    "deleteAutoReceptionistSetting": receptionist_hours.delete_setting,
    "getAutoReceptionistIVR": ivr.get_ivr,
    "updateAutoReceptionistIVR": ivr.update_ivr,
    "assignPhoneNumbersAutoReceptionist": phone_numbers.assign_to_receptionist,
    "unassignAPhoneNumAutoReceptionist": phone_numbers.unassign_one_from_receptionist,
    "unassignAllPhoneNumsAutoReceptionist": phone_numbers.unassign_all_from_receptionist,
}

# No phone.* webhook event is caused by configuring queues or receptionists (phone-events.md):
# their events come from calls routed through them, which the simulator emits.
EMITS: tuple[str, ...] = ()


# a departing user or common area leaves every call queue
ON_MEMBER_REMOVED = (model.forget_member,)

PRODUCT = Product(
    name="phone_routing",
    handlers=HANDLERS,
    emits=frozenset(EMITS),
    demo=demo.add_demo,
    on_member_removed=ON_MEMBER_REMOVED,
    on_site_moved=(model.move_site,),
)
