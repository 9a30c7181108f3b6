// A driver app built in n8n with the GreenFlux Charge Assist node: register an app token, add a charge
// card, find a location nearby, read its tariff, start and wait until charging, stop and wait until the
// costs are known, read the session history; outputs compared with the sandbox's Charge Assist state.
import { chainWorkflow } from '../lib/chain.mjs';

export async function run(ctx) {
	const { check, equal, log } = ctx;
	const fixtures = await ctx.sandbox.control('/__sandbox/chargeassist/fixtures');
	const target = fixtures.evses.available;
	const locations = await ctx.sandbox.control('/__sandbox/chargeassist/locations');
	const location = locations.find((l) => l.id === target.locationId);
	const appToken = `e2e-driver-${Date.now().toString(36)}`;
	const visualNumber = `NL-GFX-E2E${Date.now().toString(36).toUpperCase()}`;
	const ca = (name, parameters) => ({ name, node: 'greenFluxChargeAssist', parameters });
	const card = "={{ $('Add charge card').item.json.id }}";
	const session = "={{ $('Start and wait').item.json.chargeSessionId }}";

	const workflow = chainWorkflow('e2e: GreenFlux Charge Assist driver app', [
		ca('Register driver', {
			resource: 'appToken',
			operation: 'register',
			apiVersion: '2.1',
			appToken,
		}),
		ca('Add charge card', {
			resource: 'paymentMethod',
			operation: 'addChargeCard',
			appToken,
			visualNumber,
		}),
		ca('Nearby', {
			resource: 'location',
			operation: 'getNearby',
			latitude: location.coordinates.latitude,
			longitude: location.coordinates.longitude,
			limit: 1,
		}),
		ca('Tariff', {
			resource: 'tariff',
			operation: 'getForEvse',
			appToken,
			locationId: target.locationId,
			evseUid: target.evseUid,
		}),
		ca('Start and wait', {
			resource: 'session',
			operation: 'start',
			appToken,
			locationId: target.locationId,
			evseUid: target.evseUid,
			paymentMethodId: card,
			waitForStatus: true,
			pollInterval: 0.5,
			waitTimeout: 60,
			failOnRejection: true,
		}),
		ca('Stop and wait', {
			resource: 'session',
			operation: 'stop',
			appToken,
			chargeSessionId: session,
			waitForStatus: true,
			waitUntil: 'CDR_AVAILABLE',
			pollInterval: 0.5,
			waitTimeout: 60,
			failOnRejection: true,
		}),
		ca('History', {
			resource: 'session',
			operation: 'getHistory',
			apiVersion: '2.1',
			appToken,
			returnAll: true,
		}),
	]);
	const problems = ctx.editorProblems(workflow);
	check(problems.length === 0, 'the driver-app workflow has no editor issues', () =>
		problems.join('; '),
	);

	const id = await ctx.importWorkflow(workflow);
	const result = await ctx.runManually(id, { timeoutMs: 180_000 });
	const output = (name) => ctx.nodeOutput(result, name);

	const tokens = await ctx.sandbox.control('/__sandbox/chargeassist/tokens');
	const token = tokens.find((t) => t.appToken === appToken);
	check(token, `the sandbox knows the app token ${appToken}`);
	const [added] = output('Add charge card');
	equal(
		token.wallet.map((p) => p.id),
		[added.id],
		'the wallet holds exactly the charge card the node added',
	);
	const [nearby] = output('Nearby');
	equal(nearby.id, target.locationId, 'Get Nearby finds the location at that point first');
	const tariffs = output('Tariff');
	check(
		tariffs.length === 1 && typeof tariffs[0].validity === 'string',
		'Tariff › Get for EVSE gives one tariff item per payment method of the wallet',
		() => JSON.stringify(tariffs),
	);
	const [started] = output('Start and wait');
	equal(started.status, 'CHARGING', 'Start with Wait for Status ends CHARGING');
	const [stopped] = output('Stop and wait');
	equal(stopped.status, 'CDR_AVAILABLE', 'Stop with Wait for Status ends CDR_AVAILABLE');
	check(stopped.totalCosts > 0, `the costs are known (${stopped.totalCosts} ${stopped.currency})`);
	const sessions = await ctx.sandbox.control(
		`/__sandbox/chargeassist/sessions?appToken=${appToken}`,
	);
	equal(
		sessions.map((s) => [s.sessionId, s.status, s.totalCosts]),
		[[started.chargeSessionId, 'CDR_AVAILABLE', stopped.totalCosts]],
		'the sandbox holds the one session, with the costs the node output',
	);
	const history = output('History');
	equal(
		history.map((h) => h.chargeSessionId),
		[started.chargeSessionId],
		'Session › Get History lists the session',
	);
	ctx.compared(7);
	log(
		`driver ${appToken}: card ${added.id}, location ${target.locationId} nearby, tariff ${tariffs[0].validity}, session ${started.chargeSessionId} CHARGING → CDR_AVAILABLE, ${stopped.totalCosts} ${stopped.currency}`,
	);
}
