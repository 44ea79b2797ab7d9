"""Phone numbers: Zoom Phone's ``/phone/numbers…`` and Number Management (peering numbers, allocation,
BYOC, plans, SMS campaigns and consent, ported orders, SIP groups and trunks), over one number model.

Number Management operations exist twice, under ``/number_management`` (the account) and under
``/accounts/{accountId}/number_management`` (a master acting on itself or a sub-account), with the same
operationId: one handler serves both (``common.account_id``).
"""
