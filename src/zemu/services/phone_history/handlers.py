"""The phone history product's tables: its handlers by operationId, the events it emits,
its triggers and what it does when a member leaves."""

from __future__ import annotations

from zemu.services.context import Handler
from zemu.services.phone_history import calls, demo, faxes, metrics, recordings, reports, sms
from zemu.services.registry import Product

HANDLERS: dict[str, Handler] = {
    # call history and legacy call logs
    "accountCallHistory": calls.account_call_history,
    "getCallPath": calls.call_path,
    "phoneUserCallHistory": calls.user_call_history,
    "syncUserCallHistory": calls.sync_user_call_history,
    "getUserAICallSummary": calls.ai_call_summary,
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
    # voicemails
    "accountVoiceMails": recordings.account_voicemails,
    "phoneUserVoiceMails": recordings.user_voicemails,
    "getVoicemailDetails": recordings.voicemail,
    "getVoicemailDetailsByCallIdOrCallLogId": recordings.voicemail_by_call,
    "phoneDownloadVoicemailFile": recordings.download_file,
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
    # reports
    "GetCallChargesUsageReport": reports.call_charges,
    "GetSMSChargesUsageReport": reports.sms_charges,
    "Getfaxchargesusagereport": reports.fax_charges,
    "getPSOperationLogs": reports.operation_logs,
    "callqueueanalytics": reports.call_queue_analytics,
}

# webhook events this product's operations emit (reads emit none)
EMITS: tuple[str, ...] = ()

PRODUCT = Product(
    name="phone_history",
    handlers=HANDLERS,
    emits=frozenset(EMITS),
    demo=demo.add_demo,
)
