// Text forms of a request {method, url, headers, body?}: a curl command and an
// HTTP/1.1-style message. Pure functions, tested in test/format.test.mjs.

/**
 * Quotes s for a POSIX shell: the result is one word whose value is exactly s.
 * Single quotes keep everything literal; a single quote inside becomes '\''.
 */
export function shellQuote(s, { always = false } = {}) {
  s = String(s);
  if (!always && s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return "'" + s.replaceAll("'", "'\\''") + "'";
}

function headerLines(headers) {
  const out = [];
  for (const name of Object.keys(headers || {})) {
    const v = headers[name];
    for (const one of Array.isArray(v) ? v : [v]) out.push([name, one]);
  }
  return out;
}

// curl computes these from the URL and the body, with the same values.
const CURL_DERIVED = new Set(['host', 'content-length']);

/**
 * A curl command that sends the request exactly: method, URL, every header
 * (but Host and Content-Length, which curl sets to the same values) and the
 * body bytes (--data-raw sends them as given, without @file or = handling).
 */
export function curlCommand(req) {
  const hasBody = req.body !== undefined && req.body !== null;
  const implied = hasBody ? 'POST' : 'GET';
  const parts = [(req.method !== implied ? `curl -X ${shellQuote(req.method)} ` : 'curl ') + shellQuote(req.url, { always: true })];
  let hasContentType = false;
  for (const [name, value] of headerLines(req.headers)) {
    if (CURL_DERIVED.has(name.toLowerCase())) continue;
    if (name.toLowerCase() === 'content-type') hasContentType = true;
    parts.push('-H ' + shellQuote(`${name}: ${value}`));
  }
  if (hasBody) {
    // Without a Content-Type curl would add application/x-www-form-urlencoded,
    // which was not signed: tell curl to send none.
    if (!hasContentType) parts.push("-H 'Content-Type:'");
    parts.push('--data-raw ' + shellQuote(req.body));
  }
  return parts.join(' \\\n  ');
}

/** The request as an HTTP/1.1 message (request line with the full URL, headers, body). */
export function httpMessage(req) {
  const lines = [`${req.method} ${req.url}`];
  for (const [name, value] of headerLines(req.headers)) lines.push(`${name}: ${value}`);
  let s = lines.join('\n') + '\n';
  if (req.body !== undefined && req.body !== null) s += '\n' + req.body;
  return s;
}
