// GreenFlux Charge Assist Trigger in a PUBLISHED workflow (events session.charging, session.costs_available and
// session.failed), fed by the sandbox's own Charge Assist session pushes on its production URL: sessions are
// started and stopped through the Charge Assist API (one charges and is stopped, one is rejected); every
// status change is pushed; executions start only for the selected events, exactly one per such push.
// A push with a wrong token (401) or a body that is not JSON (400) starts nothing.
import { allExecutions, settleExecutions } from '../lib/pushes.mjs';

const SELECTED = ['session.charging', 'session.costs_available', 'session.failed'];
const EVENT_OF = {
	REQUESTED: 'session.requested',
	STARTING: 'session.started',
	CHARGING: 'session.charging',
	PARKING: 'session.parking',
	STOPPING: 'session.stopping',
	COMPLETED: 'session.completed',
	CDR_AVAILABLE: 'session.costs_available',
	REJECTED: 'session.failed',
	TIMEOUT: 'session.failed',
	CANCELLED: 'session.failed',
	ERROR: 'session.failed',
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function run(ctx) {
	const { check, equal, log } = ctx;
	const webhookId = 'e2e13ca0-7e2e-4000-8000-0000000000c1';
	const url = `${ctx.webhookUrl(webhookId)}/sessions`;
	const workflow = {
		name: 'e2e: GreenFlux Charge Assist Trigger',
		nodes: [
			{
				parameters: { events: SELECTED },
				id: 'e2e13000-0000-4000-8000-000000000001',
				name: 'Charge Assist sessions',
				type: `${ctx.packageName}.greenFluxChargeAssistTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				credentials: { greenFluxPushApi: { id: null, name: 'GreenFlux Push API account' } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	const problems = ctx.editorProblems(workflow);
	check(problems.length === 0, 'the trigger workflow has no editor issues', () =>
		problems.join('; '),
	);
	const id = await ctx.importWorkflow(workflow);
	await ctx.publish(id);
	try {
		// Listening once a push without the right token is refused by the trigger itself.
		for (let tries = 0; ; tries++) {
			const probe = await fetch(url, {
				method: 'POST',
				headers: {
					authorization: 'Token wrong-token-for-probing',
					'content-type': 'application/json',
				},
				body: '{}',
			});
			await probe.arrayBuffer();
			if (probe.status === 401) break;
			if (tries > 120)
				throw new Error(`${url} answered ${probe.status} instead of the trigger's 401`);
			await sleep(500);
		}
		const malformed = await fetch(url, {
			method: 'POST',
			headers: { authorization: `Token ${ctx.pushToken}`, 'content-type': 'text/plain' },
			body: '{"sessionId": "cut off',
		});
		equal(malformed.status, 400, 'a body that is not JSON gets 400');
		const wrong = await fetch(url, {
			method: 'POST',
			headers: {
				authorization: 'Token not-the-push-token-1234',
				'content-type': 'application/json',
			},
			body: JSON.stringify({ sessionId: 'x', status: 'CHARGING' }),
		});
		equal(wrong.status, 401, 'a wrong token gets 401');
		const before = await ctx.sandbox.control('/__sandbox/chargeassist/pushes');

		await ctx.sandbox.control('/__sandbox/chargeassist/push-target', { url, token: ctx.pushToken });
		const fixtures = await ctx.sandbox.control('/__sandbox/chargeassist/fixtures');
		const ca = async (method, route, body) => {
			const response = await fetch(`${ctx.sandbox.url}${route}`, {
				method,
				headers: {
					authorization: 'ApiKey gfx-sandbox-charge-assist',
					'content-type': 'application/json',
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status} ${text}`);
			return text ? JSON.parse(text) : undefined;
		};
		const { demo } = fixtures.appTokens;
		const start = (evse) =>
			ca('POST', `/session/start?appToken=${demo}`, {
				locationId: evse.locationId,
				evseUid: evse.evseUid,
				paymentMethodId: fixtures.paymentMethods.demoVisa,
			});
		const charging = await start(fixtures.evses.available);
		const rejected = await start(fixtures.evses.unavailable);
		const status = async (session) =>
			(await ca('GET', `/session/status?appToken=${demo}&chargeSessionId=${session}`)).status;
		for (let i = 0; (await status(charging.chargeSessionId)) !== 'CHARGING'; i++) {
			if (i > 60) throw new Error('the session did not reach CHARGING');
			await sleep(500);
		}
		await ca('POST', `/session/stop?appToken=${demo}`, {
			chargeSessionId: charging.chargeSessionId,
		});
		const sessions = [charging.chargeSessionId, rejected.chargeSessionId];
		const finals = ['CDR_AVAILABLE', 'REJECTED'];
		let pushes = [];
		for (let i = 0; ; i++) {
			pushes = (await ctx.sandbox.control('/__sandbox/chargeassist/pushes'))
				.slice(before.length)
				.filter((p) => sessions.includes(p.sessionId));
			const done = sessions.every((s, k) =>
				pushes.some((p) => p.sessionId === s && p.status === finals[k] && p.httpStatus),
			);
			if (done) break;
			if (i > 120)
				throw new Error(`pushes did not reach the final statuses: ${JSON.stringify(pushes)}`);
			await sleep(500);
		}
		check(
			pushes.every((p) => p.httpStatus === 200),
			'the trigger answered every push with 200',
		);

		const expected = pushes.filter((p) => SELECTED.includes(EVENT_OF[p.status]));
		const settled = await settleExecutions(ctx, id, expected.length);
		const executions = await allExecutions(ctx, id, { includeData: true });
		const items = executions.map((e) => ctx.nodeOutput(e, 'Charge Assist sessions')[0]);
		const key = (sessionId, event) => `${sessionId} ${event}`;
		equal(
			items.map((item) => key(item.chargeSessionId, item.event)).sort(),
			expected.map((p) => key(p.sessionId, EVENT_OF[p.status])).sort(),
			'one execution per pushed status of a selected event, none for the others',
		);
		ctx.compared(items.length);
		log(
			`${pushes.length} session pushes (${pushes.map((p) => p.status).join(', ')}); ${items.length} executions for ${SELECTED.join(', ')} (settled in ${settled.seconds.toFixed(1)}s); 401 and 400 started nothing`,
		);
	} finally {
		await ctx.unpublish(id);
	}
}
