// A webhook receiver that checks deliveries the way Zoom's sample (zoom/webhook-sample) does:
// the signature is recomputed over JSON.stringify(req.body), the *re-serialised* parsed body,
// not over the raw bytes. So any difference between zemu's body bytes and JavaScript's
// serialisation makes the check fail (answered 401, which zemu does not retry).
//
//   node tests/events/receiver.js PORT SECRET      (PORT 0: any free port, printed on stdout)
//   GET /results  -> every request seen: {event, ok, rawEqualsStringify, requestId}
const http = require('http');
const crypto = require('crypto');

const port = Number(process.argv[2] || 0);
const secret = process.argv[3] || '';
const results = [];

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/results') {
    res.writeHead(200, {'content-type': 'application/json'});
    res.end(JSON.stringify(results));
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    let body;
    try { body = JSON.parse(raw); } catch (e) { res.writeHead(400); res.end(); return; }
    const message = `v0:${req.headers['x-zm-request-timestamp']}:${JSON.stringify(body)}`;
    const hash = crypto.createHmac('sha256', secret).update(message).digest('hex');
    const ok = req.headers['x-zm-signature'] === `v0=${hash}`;
    results.push({event: body.event, ok, rawEqualsStringify: raw === JSON.stringify(body),
                  requestId: req.headers['x-zm-request-id']});
    if (!ok) { res.writeHead(401); res.end(); return; }
    if (body.event === 'endpoint.url_validation') {
      const plainToken = body.payload.plainToken;
      const encryptedToken = crypto.createHmac('sha256', secret).update(plainToken).digest('hex');
      res.writeHead(200, {'content-type': 'application/json'});
      res.end(JSON.stringify({plainToken, encryptedToken}));
      return;
    }
    res.writeHead(200);
    res.end();
  });
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
