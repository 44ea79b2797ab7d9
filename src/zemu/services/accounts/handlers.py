"""The accounts product's tables: its handlers by operationId, the events it emits,
its triggers and what it does when a member leaves."""

from __future__ import annotations

from zemu.services.accounts import billing, demo, domains, plans, settings, sip_trunk, subaccounts
from zemu.services.context import Handler
from zemu.services.registry import Product

HANDLERS: dict[str, Handler] = {
    # sub-accounts (master-account API)
    "accounts": subaccounts.list_accounts,
    "accountCreate": subaccounts.create,
    "GetSubAccountDetails": subaccounts.get,
    "DisassociateASubAccount": subaccounts.disassociate,
    "UpdateOptions": subaccounts.update_options,
    "UpdateTheAccountOwner": subaccounts.change_owner,
    "SwitchAUser'sAccount": subaccounts.switch_user_account,
    # settings
    "accountSettings": settings.get_settings,
    "accountSettingsUpdate": settings.update_settings,
    "getAccountLockSettings": settings.get_lock_settings,
    "UpdateLockedSettings": settings.update_lock_settings,
    # domains
    "accountTrustedDomain": domains.trusted_domains,
    "accountManagedDomain": domains.managed_domains,
    # billing and plans
    "AccountBilling": billing.get_billing,
    "AccountBillingUpdate": billing.update_billing,
    "AccountPlans": plans.get_plans,
    "AccountPlanCreate": plans.subscribe,
    "AccountPlanBaseUpdate": plans.update_base,
    "AccountPlanBaseDelete": plans.cancel_base,
    "AccountPlanAddonCreate": plans.add_addon,
    "AccountPlanAddonUpdate": plans.update_addon,
    "AccountPlanAddonCancel": plans.cancel_addon,
    "GetPlanUsage": plans.usage,
    # SIP connected audio
    "AssignSipTrunkNumbers": sip_trunk.assign_numbers,
    "ListSipTrunkNumbers": sip_trunk.list_numbers,
    "DeleteAllSipNumbers": sip_trunk.delete_all_numbers,
    "AssignSIPConfig": sip_trunk.assign_config,
    # the account's cloud recordings are listed by the meetings product, which makes them
}

# Webhook events these operations emit.
EMITS = ("account.created", "account.disassociated", "account.settings_updated", "account.lock_settings_updated")

PRODUCT = Product(
    name="accounts",
    handlers=HANDLERS,
    emits=frozenset(EMITS),
    demo=demo.add_demo,
)
