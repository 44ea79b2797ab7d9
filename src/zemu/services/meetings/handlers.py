"""The meetings product: meetings, webinars, their registrants, polls, panelists, live streams and
tracking fields; declared once here."""

from __future__ import annotations

from zemu.services import activity
from zemu.services.context import Handler, Trigger
from zemu.services.meetings import (
    billing,
    demo,
    departures,
    extras,
    metrics,
    past,
    polls,
    recording_registrants,
    recordings,
    registrants,
    reports,
    schedule,
    simulate,
    tracking,
    triggers,
    usage,
)
from zemu.services.meetings.model import MEETING, WEBINAR
from zemu.services.registry import Product

M, W = MEETING, WEBINAR

HANDLERS: dict[str, Handler] = {
    # meetings
    "meetingCreate": lambda ctx: schedule.shown(ctx, schedule.create(ctx, M), "meetingCreate"),
    "meeting": lambda ctx: schedule.get(ctx, M),
    "meetingUpdate": lambda ctx: schedule.update(ctx, M),
    "meetingDelete": lambda ctx: schedule.delete(ctx, M),
    "meetingStatus": lambda ctx: schedule.status(ctx, M),
    "meetings": lambda ctx: schedule.list_for_user(ctx, M, "meetings", "meetings"),
    "meetingInvitation": extras.invitation,
    "meetingLiveStreamUpdate": extras.update_live_stream,
    "meetingLiveStreamStatusUpdate": extras.update_live_stream_status,
    "meetingRegistrantCreate": lambda ctx: registrants.create(ctx, M),
    "meetingRegistrants": lambda ctx: registrants.list_registrants(ctx, M, "meetingRegistrants"),
    "meetingRegistrantGet": lambda ctx: registrants.get_registrant(ctx, M, "meetingRegistrantGet"),
    "meetingRegistrantStatus": lambda ctx: registrants.update_status(ctx, M),
    "meetingRegistrantsQuestionsGet": lambda ctx: registrants.get_questions(ctx, M, "meetingRegistrantsQuestionsGet"),
    "meetingRegistrantQuestionUpdate": lambda ctx: registrants.update_questions(ctx, M),
    "meetingPollCreate": lambda ctx: polls.create(ctx, M, "meetingPollCreate"),
    "meetingPolls": lambda ctx: polls.list_polls(ctx, M, "meetingPolls"),
    "meetingPollGet": lambda ctx: polls.get(ctx, M, "meetingPollGet"),
    "meetingPollUpdate": lambda ctx: polls.update(ctx, M),
    "meetingPollDelete": lambda ctx: polls.delete(ctx, M),
    # webinars
    "webinarCreate": lambda ctx: schedule.shown(ctx, schedule.create(ctx, W), "webinarCreate"),
    "webinar": lambda ctx: schedule.get(ctx, W),
    "webinarUpdate": lambda ctx: schedule.update(ctx, W),
    "webinarDelete": lambda ctx: schedule.delete(ctx, W),
    "webinarStatus": lambda ctx: schedule.status(ctx, W),
    "webinars": lambda ctx: schedule.list_for_user(ctx, W, "webinars", "webinars"),
    "webinarPanelistCreate": extras.add_panelists,
    "webinarPanelists": extras.list_panelists,
    "webinarPanelistDelete": extras.remove_panelist,
    "webinarPanelistsDelete": extras.remove_all_panelists,
    "getTrackingSources": extras.tracking_sources,
    "webinarRegistrantCreate": lambda ctx: registrants.create(ctx, W),
    "webinarRegistrants": lambda ctx: registrants.list_registrants(ctx, W, "webinarRegistrants"),
    "webinarRegistrantGet": lambda ctx: registrants.get_registrant(ctx, W, "webinarRegistrantGet"),
    "webinarRegistrantStatus": lambda ctx: registrants.update_status(ctx, W),
    "webinarRegistrantsQuestionsGet": lambda ctx: registrants.get_questions(ctx, W, "webinarRegistrantsQuestionsGet"),
    "webinarRegistrantQuestionUpdate": lambda ctx: registrants.update_questions(ctx, W),
    "webinarPollCreate": lambda ctx: polls.create(ctx, W, "webinarPollCreate"),
    "webinarPolls": lambda ctx: polls.list_polls(ctx, W, "webinarPolls"),
    "webinarPollGet": lambda ctx: polls.get(ctx, W, "webinarPollGet"),
    "webinarPollUpdate": lambda ctx: polls.update(ctx, W),
    "webinarPollDelete": lambda ctx: polls.delete(ctx, W),
    # past meetings and webinars
    "pastMeetings": lambda ctx: past.instances(ctx, M),
    "pastMeetingDetails": lambda ctx: past.details(ctx, M, "pastMeetingDetails"),
    "pastMeetingParticipants": lambda ctx: past.participants(ctx, M, "pastMeetingParticipants"),
    "listPastMeetingPolls": lambda ctx: past.poll_results(ctx, M, "listPastMeetingPolls"),
    "ListPastMeetingFiles": lambda ctx: past.files(ctx, M),
    "pastWebinars": lambda ctx: past.instances(ctx, W),
    "listPastWebinarPollResults": lambda ctx: past.poll_results(ctx, W, "listPastWebinarPollResults"),
    "listPastWebinarQA": lambda ctx: past.qa(ctx, "listPastWebinarQA"),
    "webinarAbsentees": past.absentees,
    "ListPastWebinarFiles": lambda ctx: past.files(ctx, W),
    # cloud recordings
    "recordingsList": recordings.list_for_user,
    "GetAccountCloudRecording": recordings.list_for_account,
    "recordingGet": recordings.get,
    "recordingDelete": recordings.delete_all,
    "recordingDeleteOne": recordings.delete_one,
    "recordingStatusUpdate": recordings.recover_all,
    "recordingStatusUpdateOne": recordings.recover_one,
    "recordingSettingUpdate": recordings.get_settings,
    "recordingSettingsUpdate": recordings.update_settings,
    "meetingRecordingRegistrantCreate": recording_registrants.create,
    "meetingRecordingRegistrants": recording_registrants.list_viewers,
    "meetingRecordingRegistrantStatus": recording_registrants.update_status,
    "recordingRegistrantsQuestionsGet": recording_registrants.get_questions,
    "recordingRegistrantQuestionUpdate": recording_registrants.update_questions,
    # reports
    "reportDaily": reports.daily,
    "reportUsers": reports.users,
    "reportMeetings": reports.user_meetings,
    "reportMeetingDetails": lambda ctx: reports.details(ctx, M, "reportMeetingDetails"),
    "reportMeetingParticipants": lambda ctx: reports.participants(ctx, M, "reportMeetingParticipants"),
    "reportMeetingPolls": lambda ctx: reports.polls(ctx, M, "reportMeetingPolls"),
    "reportWebinarDetails": lambda ctx: reports.details(ctx, W, "reportWebinarDetails"),
    "reportWebinarParticipants": lambda ctx: reports.participants(ctx, W, "reportWebinarParticipants"),
    "reportWebinarPolls": lambda ctx: reports.polls(ctx, W, "reportWebinarPolls"),
    "reportWebinarQA": reports.webinar_qa,
    "reportCloudRecording": reports.cloud_recording,
    "reportTelephone": usage.telephone,
    "reportOperationLogs": lambda ctx: activity.operation_logs(ctx, *reports.day_range(ctx)),
    "reportSignInSignOutActivities": lambda ctx: activity.activities(ctx, *reports.day_range(ctx)),
    "getBillingReport": billing.reports,
    "getBillingInvoicesReports": billing.invoices,
    # dashboards
    "dashboardMeetings": lambda ctx: metrics.list_instances(ctx, M, "dashboardMeetings", "meetings"),
    "dashboardMeetingDetail": lambda ctx: metrics.detail(ctx, M, "dashboardMeetingDetail"),
    "dashboardMeetingParticipants": lambda ctx: metrics.participants(ctx, M, "dashboardMeetingParticipants"),
    "dashboardMeetingParticipantsQOS": lambda ctx: metrics.participants(
        ctx, M, "dashboardMeetingParticipantsQOS", qos=True
    ),
    "dashboardMeetingParticipantQOS": lambda ctx: metrics.participant_qos(ctx, M, "dashboardMeetingParticipantQOS"),
    "dashboardMeetingParticipantShare": lambda ctx: metrics.sharing(ctx, M, "dashboardMeetingParticipantShare"),
    "dashboardWebinars": lambda ctx: metrics.list_instances(ctx, W, "dashboardWebinars", "webinars"),
    "dashboardWebinarDetail": lambda ctx: metrics.detail(ctx, W, "dashboardWebinarDetail"),
    "dashboardWebinarParticipants": lambda ctx: metrics.participants(ctx, W, "dashboardWebinarParticipants"),
    "dashboardWebinarParticipantsQOS": lambda ctx: metrics.participants(
        ctx, W, "dashboardWebinarParticipantsQOS", qos=True
    ),
    "dashboardWebinarParticipantQOS": lambda ctx: metrics.participant_qos(ctx, W, "dashboardWebinarParticipantQOS"),
    "dashboardWebinarParticipantShare": lambda ctx: metrics.sharing(ctx, W, "dashboardWebinarParticipantShare"),
    # the Zoom Rooms dashboards are the rooms product's
    "dashboardCRC": usage.crc,
    "dashboardClientFeedback": usage.client_feedback,
    "dashboardClientFeedbackDetail": usage.client_feedback_detail,
    "listMeetingSatisfaction": usage.satisfaction,
    # tracking fields
    "trackingfieldList": tracking.list_fields,
    "trackingfieldCreate": tracking.create_field,
    "trackingfieldGet": tracking.get_field,
    "trackingfieldUpdate": tracking.update_field,
    "trackingfieldDelete": tracking.delete_field,
}

TRIGGERS: dict[str, Trigger] = {
    **triggers.scheduling_triggers(),
    **triggers.simulation_triggers(),
    **triggers.viewer_triggers(),
}
EMITS: frozenset[str] = frozenset(TRIGGERS)

PRODUCT = Product(
    name="meetings",
    handlers=HANDLERS,
    emits=EMITS,
    triggers=TRIGGERS,
    jobs=simulate.JOBS,
    demo=demo.add_demo,
    # a user who leaves takes their meetings, webinars and recordings, unless handed to another
    on_member_removed=(departures.remove,),
    on_member_handover=(departures.hand_over,),
)
