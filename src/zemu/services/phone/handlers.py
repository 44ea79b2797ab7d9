"""The phone product's tables: its handlers by operationId, the events it emits,
its triggers and what it does when a member leaves."""

from __future__ import annotations

from zemu.services.context import Handler
from zemu.services.phone import (
    account_settings,
    blocked_list,
    call_handling,
    calling_plans,
    carrier,
    common_areas,
    demo,
    devices,
    directory,
    external_contacts,
    group_policies,
    shared_line_groups,
    sites,
    user_hours,
    user_settings,
    users,
)
from zemu.services.phone.triggers import TRIGGERS
from zemu.services.registry import Product

HANDLERS: dict[str, Handler] = {
    # phone users
    "listPhoneUsers": users.list_users,
    "phoneUser": users.get_user,
    "updateUserProfile": users.update_profile,
    "phoneUserSettings": user_settings.get_settings,
    "updateUserSettings": user_settings.update_settings,
    "addUserSetting": user_settings.add_setting,
    "updateUserSetting": user_settings.update_setting,
    "deleteUserSetting": user_settings.delete_setting,
    "addUserProfileSetting": user_hours.add_setting,
    "deleteUserProfileSetting": user_hours.delete_setting,
    "getUserCallHandlingSetting": call_handling.get_setting,
    "updateUserCallHandlingSetting": call_handling.update_setting,
    "addUserCallForwardSetting": call_handling.add_forward,
    "deleteUserCallForwardSetting": call_handling.delete_forward,
    # calling plans
    "listCallingPlans": calling_plans.list_plans,
    "assignCallingPlan": calling_plans.assign_to_user,
    "unassignCallingPlan": calling_plans.unassign_from_user,
    "updateCallingPlan": calling_plans.update_user_plan,
    # sites
    "listPhoneSites": sites.list_sites,
    "getASite": sites.get_site,
    "createPhoneSite": sites.create_site,
    "updateSiteDetails": sites.update_site,
    "deletePhoneSite": sites.delete_site,
    # devices
    "listPhoneDevices": devices.list_devices,
    "getADevice": devices.get_device,
    "addPhoneDevice": devices.add_device,
    "updateADevice": devices.update_device,
    "deleteADevice": devices.delete_device,
    "addExtensionsToADevice": devices.add_extensions,
    "deleteExtensionFromADevice": devices.remove_extension,
    # common areas, and the seed's legacy common-area phones over the same state
    "listCommonAreas": common_areas.list_areas,
    "getACommonArea": common_areas.get_area,
    "addCommonArea": common_areas.add_area,
    "updateCommonArea": common_areas.update_area,
    "deleteCommonArea": common_areas.delete_area,
    "assignPhoneNumbersToCommonArea": common_areas.assign_numbers,
    "unassignPhoneNumbersFromCommonArea": common_areas.unassign_number,
    "assignCallingPlansToCommonArea": common_areas.assign_plans,
    "unassignCallingPlansFromCommonArea": common_areas.unassign_plan,
    "ListCommonAreaPhones": common_areas.legacy_list,
    "GetACommonAreaPhone": common_areas.legacy_get,
    "AddCommonAreaPhone": common_areas.legacy_add,
    "UpdateCommonAreaPhone": common_areas.legacy_update,
    "DeleteCommonAreaPhone": common_areas.legacy_delete,
    # blocked list
    "listBlockedList": blocked_list.list_blocked,
    "getABlockedList": blocked_list.get_blocked,
    "addAnumberToBlockedList": blocked_list.add_blocked,
    "updateBlockedList": blocked_list.update_blocked,
    "deleteABlockedList": blocked_list.delete_blocked,
    # shared line groups
    "listSharedLineGroups": shared_line_groups.list_groups,
    "getASharedLineGroup": shared_line_groups.get_group,
    "createASharedLineGroup": shared_line_groups.create_group,
    "updateASharedLineGroup": shared_line_groups.update_group,
    "deleteASharedLineGroup": shared_line_groups.delete_group,
    "addMembersToSharedLineGroup": shared_line_groups.add_members,
    "deleteMembersOfSLG": shared_line_groups.delete_members,
    "deleteAMemberSLG": shared_line_groups.delete_member,
    "assignPhoneNumbersSLG": shared_line_groups.assign_numbers,
    "deletePhoneNumbersSLG": shared_line_groups.delete_numbers,
    "deleteAPhoneNumberSLG": shared_line_groups.delete_number,
    # dial-by-name directory
    "ListUsersFromDirectory": directory.list_in_account,
    "ListUsersFromDirectoryBySite": directory.list_in_site,
    "AddUsersToDirectory": directory.add_in_account,
    "AddUsersToDirectoryBySite": directory.add_in_site,
    "DeleteUsersFromDirectory": directory.delete_in_account,
    "DeleteUsersFromDirectoryBySite": directory.delete_in_site,
    # external contacts
    "listExternalContacts": external_contacts.list_contacts,
    "getAExternalContact": external_contacts.get_contact,
    "addExternalContact": external_contacts.add_contact,
    "updateExternalContact": external_contacts.update_contact,
    "deleteAExternalContact": external_contacts.delete_contact,
    # carrier reseller numbers
    "listCRPhoneNumbers": carrier.list_numbers,
    # account settings and policies
    "listZoomPhoneAccountSettings": account_settings.list_settings,
    "phoneSetting": account_settings.get_phone_settings,
    "updatePhoneSettings": account_settings.update_phone_settings,
    "GetAccountPolicyDetails": account_settings.get_policy,
    "updateAccountPolicy": account_settings.update_policy,
    # user groups' policies
    "GetGroupPolicyDetails": group_policies.get_policy,
    "updateGroupPolicy": group_policies.update_policy,
}

# webhook events this product's operations emit
EMITS: tuple[str, ...] = (
    "phone.generic_device_provision",
    "phone.device_registration",
    "phone.account_settings_updated",
    "phone.group_settings_updated",
)

# a user who leaves the account leaves Zoom Phone too
ON_MEMBER_REMOVED = (lambda tx, account_id, member_id: users.remove_phone_user(tx, member_id),)

PRODUCT = Product(
    name="phone",
    handlers=HANDLERS,
    emits=frozenset(EMITS),
    triggers=TRIGGERS,
    demo=demo.add_demo,
    on_member_removed=ON_MEMBER_REMOVED,
    jobs={devices.REGISTER: devices.register},
)
