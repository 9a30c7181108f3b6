// The GreenFlux eMSP node inside n8n: create or update a customer, a driver and a token, block the token
// with Update (one field), read all three back and the coupons of a seeded driver; every output compared
// with what the sandbox now holds.
import { chainWorkflow } from '../lib/chain.mjs';

export async function run(ctx) {
	const { check, equal, sameItems, compared, log } = ctx;
	const emspId = 'nlgfx';
	const suffix = Date.now().toString(36).toUpperCase();
	const customerId = `E2E-CUST-${suffix}`;
	const driverId = `E2E-DRV-${suffix}`;
	const tokenUid = `E2E${suffix}`;
	const authId = `NL-GFX-E2E${suffix}`;
	const emsp = (name, parameters) => ({ name, node: 'greenFluxEmsp', parameters });

	const workflow = chainWorkflow('e2e: GreenFlux eMSP CRM', [
		emsp('Customer', {
			resource: 'customer',
			operation: 'createOrUpdate',
			emspId,
			customerId,
			name: 'E2E Fleet B.V.',
			additionalFields: { city: 'Amsterdam', country: 'NLD' },
		}),
		emsp('Driver', {
			resource: 'driver',
			operation: 'createOrUpdate',
			emspId,
			driverId,
			customerId,
			retailPackageId: 'NLGFX-RP-STANDARD',
			additionalFields: { firstName: 'Sanne', lastName: 'de Vries' },
		}),
		emsp('Token', {
			resource: 'token',
			operation: 'createOrUpdate',
			emspId,
			tokenUid,
			authId,
			driverId,
			valid: true,
		}),
		emsp('Block token', {
			resource: 'token',
			operation: 'update',
			emspId,
			tokenUid,
			updateFields: { valid: false },
		}),
		emsp('Read customer', { resource: 'customer', operation: 'get', emspId, customerId }),
		emsp('Read driver', { resource: 'driver', operation: 'get', emspId, driverId }),
		emsp('Read token', { resource: 'token', operation: 'get', emspId, tokenUid }),
		emsp('Coupons of DRV-00001', {
			resource: 'coupon',
			operation: 'getAllForDriver',
			emspId,
			driverId: 'DRV-00001',
			returnAll: true,
		}),
	]);
	const problems = ctx.editorProblems(workflow);
	check(problems.length === 0, 'the eMSP workflow has no editor issues', () => problems.join('; '));

	const id = await ctx.importWorkflow(workflow);
	const result = await ctx.runManually(id);
	const output = (name) => ctx.nodeOutput(result, name);
	const stored = async (list, key, value) =>
		(await ctx.sandbox.control(`/__sandbox/crm/${emspId}/${list}`)).find(
			(o) => String(o[key]).toUpperCase() === value.toUpperCase(),
		);

	const customer = await stored('customers', 'id', customerId);
	const driver = await stored('drivers', 'id', driverId);
	const token = await stored('tokens', 'uid', tokenUid);
	check(customer && driver && token, 'the sandbox holds the new customer, driver and token');
	equal(customer.name, 'E2E Fleet B.V.', 'customer name as sent');
	equal(
		[driver.customer_id, driver.retail_package_id, driver.first_name],
		[customerId, 'NLGFX-RP-STANDARD', 'Sanne'],
		'driver as sent',
	);
	equal([token.auth_id, token.driver_id], [authId, driverId], 'token as sent');
	equal(token.valid, false, 'Update blocked the token (valid false) in GreenFlux');
	equal(token.modified_by, 'n8n', 'Update filled in modified_by');

	sameItems(output('Read customer'), [customer], 'Customer › Get = the stored customer');
	sameItems(output('Read driver'), [driver], 'Driver › Get = the stored driver');
	sameItems(output('Read token'), [token], 'Token › Get = the stored token');
	equal(output('Block token')[0].valid, false, 'Token › Update answers the blocked token');

	const coupons = await ctx.sandbox.control(`/__sandbox/crm/${emspId}/coupons`);
	const expected = coupons.filter(
		(c) => !c.couponScope?.driverId || c.couponScope.driverId === 'DRV-00001',
	);
	const got = output('Coupons of DRV-00001');
	check(got.length > 0, `DRV-00001 has coupons (${got.length})`);
	equal(
		got.map((c) => c.couponId).sort(),
		expected.map((c) => c.couponId).sort(),
		'Coupon › Get Many for Driver = the sandbox coupons of DRV-00001 and of every driver',
	);
	compared(got.length);
	log(
		`customer ${customerId}, driver ${driverId}, token ${tokenUid} (blocked by Update) created in the real n8n; ${got.length} coupons of DRV-00001`,
	);
}
