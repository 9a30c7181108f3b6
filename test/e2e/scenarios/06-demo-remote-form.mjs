// Demo "Remote start and stop from a form", published and used through its production form URL like a
// browser does: GET the form, POST the fields, follow /form-waiting/<execution> to the completion page.
// The form is protected as shipped (Basic Auth with the credential "GreenFlux remote form login"):
// requests without the login or with a wrong one are refused (401) and start nothing; with the login,
// start and stop reach the sandbox with the right bodies and the page shows the charge station's
// answer; an unknown session shows the rejection.
import { CREDENTIALS, formPathOf, sleep } from '../../../scripts/lib/greenflux-demo.mjs';

export async function run(ctx) {
	const { check, equal, compared, log } = ctx;
	const template = await ctx.demoWorkflow('remote-start-stop-form.json');
	const trigger = template.nodes.find((n) => n.type === 'n8n-nodes-base.formTrigger');
	equal(
		[trigger.parameters.authentication, trigger.credentials?.httpBasicAuth?.name],
		['basicAuth', CREDENTIALS.formLogin.name],
		'the template form asks for a login (Basic Auth, credential by name)',
	);
	const formPath = formPathOf(template);
	const formUrl = `${ctx.n8n.url}/form/${formPath}`;
	const auth = basicAuth(ctx.formLogin.user, ctx.formLogin.password);
	const wrongAuth = basicAuth(ctx.formLogin.user, `${ctx.formLogin.password}x`);
	const id = await ctx.importWorkflow(template);
	await ctx.publish(id);
	try {
		const page = await waitUntilServed(formUrl, auth);

		// Without the login, or with a wrong password: 401 and no execution.
		const [before] = await ctx.executions(id, { limit: 1 });
		const commandsBefore = (await ctx.sandbox.control('/__sandbox/remotecommands')).length;
		for (const [what, headers] of [
			['without a login', {}],
			['with a wrong password', { authorization: wrongAuth }],
		]) {
			const get = await fetch(formUrl, { headers });
			await get.arrayBuffer();
			check(get.status === 401, `GET of the form ${what} is refused (HTTP ${get.status})`);
			check(
				/^Basic/i.test(get.headers.get('www-authenticate') ?? ''),
				`the refusal ${what} asks the browser for a login (WWW-Authenticate: ${get.headers.get('www-authenticate')})`,
			);
			const body = new FormData();
			['Stop session', 'NL-GFX-E0001-1', '', '', 'any-session'].forEach((value, i) =>
				body.append(`field-${i}`, value),
			);
			const post = await fetch(formUrl, { method: 'POST', body, headers });
			await post.arrayBuffer();
			check(post.status === 401, `POST of the form ${what} is refused (HTTP ${post.status})`);
		}
		await sleep(1000);
		const [after] = await ctx.executions(id, { limit: 1 });
		check(
			after?.id === before?.id,
			'refused form requests started no execution',
			() => `new execution ${after?.id}`,
		);
		equal(
			(await ctx.sandbox.control('/__sandbox/remotecommands')).length,
			commandsBefore,
			'refused form requests sent no remote command',
		);
		log('form without login / with a wrong password: GET and POST answer 401, nothing runs');

		for (const label of [
			'Command',
			'EVSE UID',
			'Charge Station ID (start)',
			'Token Auth ID (start)',
			'Session ID (stop)',
			'Start session',
			'Stop session',
		]) {
			check(page.includes(label), `the form shows "${label}"`);
		}

		const stations = await ctx.sandbox.control('/__sandbox/chargestations');
		const station = stations.find(
			(s) => s.connectivity_status === 'Online' && s.evses.some((e) => e.status === 'AVAILABLE'),
		);
		const evse = station.evses.find((e) => e.status === 'AVAILABLE');
		const token = 'NL-GFX-C12345678-9';

		// Start a session.
		const start = await submit(ctx, formUrl, auth, [
			'Start session',
			evse.uid,
			station.charge_station_id,
			token,
			'',
		]);
		check(
			start.page.includes('Session started'),
			'the start page says "Session started"',
			() => start.text,
		);
		check(
			start.page.includes('START_SESSION: ACCEPTED'),
			"the start page shows the station's answer",
			() => start.text,
		);
		const started = ctx.nodeOutput(start.execution, 'Start session')[0];
		equal(
			[started.command, started.result, started.accepted, started.timedOut, started.evseUid],
			['START_SESSION', 'ACCEPTED', true, false, evse.uid],
			'Start session waited for the result',
		);
		check(
			started.polls >= 1,
			`polled for the result (${started.polls} polls, ${started.waitedSeconds}s)`,
		);
		const commands = await ctx.sandbox.control('/__sandbox/remotecommands');
		const sent = commands.filter((c) => c.command === 'START_SESSION').at(-1);
		equal(
			sent.request,
			{
				token: { valid: true, whitelist: 'ALWAYS', auth_id: token, type: 'OTHER' },
				chargestation_id: station.charge_station_id,
				location_id: station.location_id,
				evse_uid: evse.uid,
			},
			'START_SESSION body: the form fields plus the location looked up from the charge station',
		);
		compared(1);

		// Stop a session.
		const sessionId = (await ctx.sandbox.control('/__sandbox/cdrs'))[0].session_id;
		const stop = await submit(ctx, formUrl, auth, ['Stop session', evse.uid, '', '', sessionId]);
		check(
			stop.page.includes('Session stopped') && stop.page.includes('STOP_SESSION: ACCEPTED'),
			'the stop page says "Session stopped" with the answer',
			() => stop.text,
		);
		check(
			!ctx.nodesRun(stop.execution).includes('Look up charge station'),
			'stopping does not look up the charge station',
		);
		const stopSent = (await ctx.sandbox.control('/__sandbox/remotecommands'))
			.filter((c) => c.command === 'STOP_SESSION')
			.at(-1);
		equal(stopSent.request, { session_id: sessionId }, 'STOP_SESSION body');
		compared(1);

		// An unknown session: GreenFlux refuses, the page says so.
		const unknown = await submit(ctx, formUrl, auth, [
			'Stop session',
			evse.uid,
			'',
			'',
			'not-a-session',
		]);
		check(
			unknown.page.includes('Session not stopped') && unknown.page.includes('UNKNOWN_SESSION'),
			'an unknown session shows "Session not stopped" and UNKNOWN_SESSION',
			() => unknown.text,
		);
		log(
			`form ${formUrl}: start on ${evse.uid} → "${start.text}"; stop ${sessionId} → "${stop.text}"; unknown session → "${unknown.text}"`,
		);
	} finally {
		await ctx.unpublish(id);
	}
}

/** The Authorization header a browser sends after the Basic Auth prompt. */
function basicAuth(user, password) {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** GET (with the login) until the published form is served (activation finishes shortly after the publish call returns). */
async function waitUntilServed(url, authorization, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(url, { headers: { authorization } });
		const text = await response.text();
		if (response.status === 200) return text;
		if (Date.now() > deadline)
			throw new Error(
				`${url} answered HTTP ${response.status} for ${timeoutMs / 1000}s after publishing`,
			);
		await sleep(200);
	}
}

/**
 * Submits the form like the browser after its login prompt: POST multipart fields (field-0, field-1, …)
 * with the Basic Auth header → { formWaitingUrl };
 * poll <formWaitingUrl>/n8n-execution-status until the completion page is ready; GET it; POST to it (the
 * page's own auto-POST, which lets the execution finish). Returns the page, its text and the execution.
 */
async function submit(ctx, formUrl, authorization, values) {
	const body = new FormData();
	values.forEach((value, i) => body.append(`field-${i}`, value));
	const posted = await fetch(formUrl, { method: 'POST', body, headers: { authorization } });
	ctx.check(posted.ok, `form POST answers (HTTP ${posted.status})`);
	const { formWaitingUrl } = await posted.json();
	ctx.check(typeof formWaitingUrl === 'string', 'the form answers with its waiting URL');
	const waiting = new URL(formWaitingUrl);
	const statusUrl = `${waiting.origin}${waiting.pathname}/n8n-execution-status${waiting.search}`;
	const deadline = Date.now() + 90_000;
	let status;
	for (;;) {
		status = (await (await fetch(statusUrl)).text()).trim();
		if (!['new', 'running', 'waiting'].includes(status)) break;
		if (Date.now() > deadline) throw new Error(`form execution still ${status} after 90s`);
		await sleep(250);
	}
	ctx.check(
		status === 'form-waiting',
		`the execution reached the completion page (status ${status})`,
	);
	const page = await (await fetch(formWaitingUrl, { signal: AbortSignal.timeout(30_000) })).text();
	const finish = await fetch(formWaitingUrl, {
		method: 'POST',
		body: '{}',
		signal: AbortSignal.timeout(30_000),
	});
	ctx.check(finish.ok, `the completion page's POST answers (HTTP ${finish.status})`);
	const executionId = waiting.pathname.split('/').pop();
	const execution = await ctx.waitForExecution(executionId);
	ctx.stats.workflowsRun++;
	ctx.check(
		execution.status === 'success',
		`form execution ${executionId} succeeded (${execution.status})`,
	);
	const text = [...page.matchAll(/<h1[^>]*>([^<]*)<\/h1>|<p[^>]*>([^<]*)<\/p>/g)]
		.map((m) => (m[1] ?? m[2]).trim())
		.filter(Boolean)
		.join(' / ');
	return { page, text, execution };
}
