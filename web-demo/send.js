// The editor's Send button: the operation's input, validated, built, signed with the
// credentials typed on the page and sent by the module's send() to the local AmplifyBackend
// service that serves this page (cmd/demo runs pkg/localservice on the same origin, so the
// page's Content-Security-Policy, connect-src 'self', allows it and nothing else). The result
// panel shows the parsed output or the service error.

/** The local service's documented test pair (docs/LOCALSERVICE.md); it grants nothing anywhere. */
export const LOCAL_TEST_CREDENTIALS = Object.freeze({
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
});

/**
 * sendToLocalService sends one operation to this page's origin and describes the outcome:
 * {ok: true, output} with the parsed output (boto3's form, ResponseMetadata included), or
 * {ok: false, error: {name, message, statusCode?, requestId?, problems?}}. It never throws.
 */
export async function sendToLocalService(api, operation, input, { region, credentials, signal } = {}) {
  try {
    const output = await api.send(operation, input, { region, credentials, endpoint: location.origin, maxAttempts: 3, signal });
    return { ok: true, output };
  } catch (e) {
    if (e instanceof api.ServiceError) {
      return { ok: false, error: { name: e.name, message: e.response?.Error?.Message || e.message, statusCode: e.statusCode, requestId: e.requestId } };
    }
    return { ok: false, error: { name: e?.name || 'Error', message: String(e?.message || e), problems: Array.isArray(e?.errors) ? e.errors : undefined } };
  }
}

/** renderSendResult fills the result panel (text only: nothing of the response is HTML). */
export function renderSendResult(panel, result) {
  panel.replaceChildren();
  const head = document.createElement('p');
  const body = document.createElement('pre');
  body.className = 'codeblock';
  body.tabIndex = 0;
  if (result.ok) {
    const md = result.output.ResponseMetadata || {};
    head.className = 'send-ok';
    head.textContent = `HTTP ${md.HTTPStatusCode ?? 200} · request ID ${md.RequestId || '—'}`;
    const shown = { ...result.output };
    delete shown.ResponseMetadata;
    body.textContent = JSON.stringify(shown, null, 2);
  } else {
    const e = result.error;
    head.className = 'send-error';
    head.textContent = e.statusCode ? `${e.name} · HTTP ${e.statusCode}${e.requestId ? ' · request ID ' + e.requestId : ''}` : e.name;
    body.textContent = e.problems?.length ? e.problems.map((p) => `${p.path || '/'}: ${p.message}`).join('\n') : e.message;
  }
  panel.dataset.outcome = result.ok ? 'ok' : result.error.name;
  panel.append(head, body);
}
