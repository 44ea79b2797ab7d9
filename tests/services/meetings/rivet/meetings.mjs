// Zoom's Node SDK (Rivet) meetings client against zemu: the API base URL is zemu's, and the
// token store holds a token from zemu's own OAuth endpoint (Rivet's OAuth host is fixed).
import { MeetingsS2SAuthClient } from "@zoom/rivet/meetings";

const base = process.env.ZEMU_BASE;
const basic = Buffer.from(`${process.env.CLIENT_ID}:${process.env.CLIENT_SECRET}`).toString("base64");
const answer = await fetch(`${base}/oauth/token?grant_type=account_credentials&account_id=${process.env.ACCOUNT_ID}`,
  { method: "POST", headers: { Authorization: `Basic ${basic}` } });
const raw = await answer.json();
const token = { accessToken: raw.access_token, scopes: raw.scope.split(" "),
  expirationTimeIso: new Date(Date.now() + 3000 * 1000).toISOString() };

const client = new MeetingsS2SAuthClient({
  clientId: process.env.CLIENT_ID, clientSecret: process.env.CLIENT_SECRET, accountId: process.env.ACCOUNT_ID,
  baseUrl: `${base}/v2`, disableReceiver: true,
  tokenStore: { getLatestToken: () => token, storeToken: () => {} },
});
const api = client.endpoints.meetings;
const created = (await api.createMeeting({ path: { userId: "me" },
  body: { topic: "From Rivet", type: 2, start_time: "2030-01-02T10:00:00Z", duration: 30 } })).data;
const got = (await api.getMeeting({ path: { meetingId: created.id } })).data;
await api.updateMeeting({ path: { meetingId: created.id }, body: { agenda: "Set by Rivet" } });
const listed = (await api.listMeetings({ path: { userId: "me" }, query: { type: "upcoming" } })).data;
await api.deleteMeeting({ path: { meetingId: created.id } });
console.log(JSON.stringify({ created, got, listed: listed.meetings.length }));
