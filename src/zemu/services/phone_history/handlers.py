"""The phone history product's tables: its handlers by operationId, the events it emits,
its triggers and what it does when a member leaves."""

from __future__ import annotations

from zemu.services.context import Handler
from zemu.services.phone_history import calls, demo, faxes, metrics, recordings, reports, sms, trash, writes
from zemu.services.registry import Product

HANDLERS: dict[str, Handler] = {
    # call history and legacy call logs
    "accountCallHistory": calls.account_call_history,
    "getCallPath": calls.call_path,
    "phoneUserCallHistory": calls.user_call_history,
    "syncUserCallHistory": calls.sync_user_call_history,
    "getUserAICallSummary": calls.ai_call_summary,
    "deleteUserCallHistory": writes.delete_user_call_history,
    "addClientCodeToCallHistory": writes.add_client_code_to_history,
    "deleteCallLog": writes.delete_call_log,
    "addClientCodeToCallLog": writes.add_client_code_to_log,
    "accountCallLogs": calls.account_call_logs,
    "phoneUserCallLogs": calls.user_call_logs,
    # call quality
    "listCallLogsMetrics": metrics.call_logs_metrics,
    "getCallLogMetricsDetails": metrics.call_log_metrics,
    "getCallQoS": metrics.call_qos,
    "listPastCallMetrics": metrics.past_call_metrics,
    # recordings
    "getPhoneRecordings": recordings.account_recordings,
    "phoneUserRecordings": recordings.user_recordings,
    "getCallQueueRecordings": recordings.call_queue_recordings,
    "getPhoneRecordingsByCallIdOrCallLogId": recordings.recording_by_call,
    "phoneDownloadRecordingFile": recordings.download_file,
    "phoneDownloadRecordingTranscript": recordings.download_transcript,
    "deleteCallRecording": writes.delete_recording,
    "UpdateRecordingStatus": writes.update_recording_status,
    "UpdateAutoDeleteField": writes.update_auto_delete,
    # voicemails
    "accountVoiceMails": recordings.account_voicemails,
    "phoneUserVoiceMails": recordings.user_voicemails,
    "getVoicemailDetails": recordings.voicemail,
    "getVoicemailDetailsByCallIdOrCallLogId": recordings.voicemail_by_call,
    "phoneDownloadVoicemailFile": recordings.download_file,
    "deleteVoicemail": writes.delete_voicemail,
    "updateVoicemailReadStatus": writes.update_voicemail_read_status,
    # SMS
    "accountSmsSession": sms.account_sessions,
    "smsSessionDetails": sms.session_details,
    "smsByMessageId": sms.message,
    "smsSessionSync": sms.session_sync,
    "userSmsSession": sms.user_sessions,
    "GetSmsSessions": sms.user_session_sync,
    # faxes
    "GetAccount'sFaxLogs": faxes.account_fax_logs,
    "Getuser'sfaxlogs": faxes.extension_fax_logs,
    "GetFaxLogDetails": faxes.fax_log_details,
    "Downloadfaxfile": faxes.download_fax_file,
    "DeleteFaxLog": writes.delete_fax_log,
    "UpdateFaxLogReadStatus": writes.update_fax_read_status,
    # reports
    "GetCallChargesUsageReport": reports.call_charges,
    "GetSMSChargesUsageReport": reports.sms_charges,
    "Getfaxchargesusagereport": reports.fax_charges,
    "getPSOperationLogs": reports.operation_logs,
    "callqueueanalytics": reports.call_queue_analytics,
}

# webhook events this product's writes emit (phone-events.md §2 D, E, F, G, H, K); the
# permanent ones come from the trash's scheduled purge
EMITS: tuple[str, ...] = (
    "phone.recording_deleted",
    "phone.recording_permanently_deleted",
    "phone.voicemail_deleted",
    "phone.voicemail_permanently_deleted",
    "phone.call_history_deleted",
    "phone.call_element_deleted",
    "phone.call_log_deleted",
    "phone.call_log_permanently_deleted",
    "phone.fax_log_deleted",
    "phone.fax_log_permanently_deleted",
)

PRODUCT = Product(
    name="phone_history",
    handlers=HANDLERS,
    emits=frozenset(EMITS),
    demo=demo.add_demo,
    jobs={trash.PURGE: trash.purge_job},
)
