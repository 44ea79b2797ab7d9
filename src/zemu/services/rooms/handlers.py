"""The Zoom Rooms product: rooms, locations and their structure, settings with inheritance, the
account profile, devices, what rooms report by themselves, and the rooms dashboards."""

from __future__ import annotations

from zemu.services.context import Handler, Trigger
from zemu.services.registry import Product
from zemu.services.rooms import demo, locations, metrics, profile, rooms, settings, signals, triggers

# ``rooms:`` because Zoom Phone has an operation of the same id (``listZoomRooms``, /phone/rooms)
HANDLERS: dict[str, Handler] = {
    f"rooms:{op}": handler
    for op, handler in {
        "listZoomRooms": rooms.list_rooms,
        "addARoom": rooms.add_room,
        "getZRProfile": rooms.get_room,
        "updateRoomProfile": rooms.update_room,
        "deleteAZoomRoom": rooms.delete_room,
        "changeZRLocation": rooms.change_location,
        "listZRDevices": rooms.list_devices,
        "getZRSensorData": signals.sensor_data,
        "listZRLocations": locations.list_locations,
        "addAZRLocation": locations.add_location,
        "getZRLocationProfile": locations.get_location,
        "updateZRLocationProfile": locations.update_location,
        "deleteAZRLocation": locations.delete_location,
        "changeParentLocation": locations.change_parent,
        "getZRLocationStructure": locations.get_structure,
        "UpdateZoomRoomsLocationStructure": locations.update_structure,
        "updateZoomRoomsLocationStructure": locations.update_structure,
        "getZRAccountProfile": profile.get_account_profile,
        "updateZRAccProfile": profile.update_account_profile,
        "getZRAccountSettings": settings.get_account_settings,
        "updateZoomRoomAccSettings": settings.update_account_settings,
        "getZRLocationSettings": settings.get_location_settings,
        "updateZRLocationSettings": settings.update_location_settings,
        "getZRSettings": settings.get_room_settings,
        "updateZRSettings": settings.update_room_settings,
    }.items()
} | {
    # the dashboards are operations of the accounts document; named with their product so that
    # these, which read the rooms' state, serve them before any plain placeholder registration
    "accounts:dashboardZoomRooms": metrics.dashboard_rooms,
    "accounts:dashboardZoomRoom": metrics.dashboard_room,
    "accounts:dashboardZoomRoomIssue": metrics.dashboard_issues,
    "accounts:dashboardIssueZoomRoom": metrics.dashboard_issue_rooms,
    "accounts:dashboardIssueDetailZoomRoom": metrics.dashboard_issue_detail,
}

TRIGGERS: dict[str, Trigger] = {
    "zoomroom.created": triggers.created,
    "zoomroom.updated": triggers.updated,
    "zoomroom.deleted": triggers.deleted,
    "zoomroom.location_created": triggers.location_created,
    "zoomroom.location_updated": triggers.location_updated,
    "zoomroom.location_deleted": triggers.location_deleted,
    "zoomroom.checked_in": triggers.checked_in,
    "zoomroom.checked_out": triggers.checked_out,
    "zoomroom.alert": triggers.alert,
    "zoomroom.delayed_alert": triggers.delayed_alert,
    "zoomroom.sensor_data": triggers.sensor_data,
}

PRODUCT = Product(
    name="rooms",
    handlers=HANDLERS,
    emits=frozenset(TRIGGERS),
    triggers=TRIGGERS,
    demo=demo.add_demo,
)
