import { describe, expect, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { chargeAssistFixtures } from '../sandbox/chargeAssist/fixtures';
import { runChargeAssist, sandboxControl, useSandbox } from './helpers';

const sandbox = useSandbox({ chargeAssistClockMs: 100 });
const fixtures = () => chargeAssistFixtures(sandbox().state);

/** App tokens these tests register (unknown to the seed). */
const newDriver = (name: string) => `n8n-driver-${name}`;

/** The sandbox's app tokens, each with its wallet and the fields only the sandbox shows. */
const tokens = async () =>
	await sandboxControl<IDataObject[]>(sandbox(), '/__sandbox/chargeassist/tokens');
const tokenOf = async (appToken: string) => (await tokens()).find((t) => t.appToken === appToken);
const walletOf = async (appToken: string) =>
	((await tokenOf(appToken))?.wallet ?? []) as IDataObject[];

/** What GET /v2.1/token/{appToken} shows of the sandbox's token record. */
function tokenModel(record: IDataObject): IDataObject {
	const { blocked, driverId, emspId, wallet, favorites, ...model } = record;
	void [blocked, driverId, emspId, wallet, favorites];
	return model;
}

async function registered(appToken: string): Promise<void> {
	const run = await runChargeAssist(sandbox(), {
		resource: 'appToken',
		operation: 'register',
		appToken,
	});
	expect(run.error).toBeUndefined();
}

describe('Charge Assist › App Token and Account', () => {
	it('App Token › Get equals the sandbox token', async () => {
		const { appTokens } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'appToken',
			operation: 'get',
			appToken: appTokens.demo,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([tokenModel((await tokenOf(appTokens.demo))!)]);
		expect(run.requests).toEqual([
			expect.objectContaining({ method: 'GET', path: `/v2.1/token/${appTokens.demo}` }),
		]);
	});

	it('App Token › Get of an unregistered app token says to register it first', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'appToken',
			operation: 'get',
			appToken: fixtures().appTokens.unregistered,
		});
		expect(run.error?.message).toBe(
			"GreenFlux found nothing at GET /v2.1/token/ca-unregistered-driver (HTTP 404): Token not registered: 'ca-unregistered-driver'. (code TOKEN_NOT_REGISTERED) [appToken]",
		);
		expect(String((run.error as { description?: string }).description)).toMatch(
			/register the app token first \(App Token › Register\)/,
		);
	});

	it('App Token › Register (2.1, the default): POST /v2.1/token with the app token in the body', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'appToken',
			operation: 'register',
			appToken: newDriver('v21'),
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([tokenModel((await tokenOf(newDriver('v21')))!)]);
		expect(run.requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: '/v2.1/token',
				body: { appToken: newDriver('v21') },
				status: 200,
			}),
		]);
	});

	it('App Token › Register (1) without driver: PUT /token/{appToken}, no body', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'appToken',
			operation: 'register',
			apiVersion: '1',
			appToken: newDriver('v1'),
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([tokenModel((await tokenOf(newDriver('v1')))!)]);
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0]).toMatchObject({ method: 'PUT', path: '/token/n8n-driver-v1' });
		expect(run.requests[0].body).toBeUndefined();
	});

	it('App Token › Register (1) with driver and eMSP IDs: PUT /token with them in the body', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'appToken',
			operation: 'register',
			apiVersion: '1',
			appToken: newDriver('crm'),
			additionalFields: { driverId: 'DRV-N8N-1', emspId: 'NL-GFX' },
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({ appToken: newDriver('crm') });
		expect(run.requests).toEqual([
			expect.objectContaining({
				method: 'PUT',
				path: '/token',
				body: { appToken: newDriver('crm'), driverId: 'DRV-N8N-1', emspId: 'NL-GFX' },
			}),
		]);
		expect(await tokenOf(newDriver('crm'))).toMatchObject({
			driverId: 'DRV-N8N-1',
			emspId: 'NL-GFX',
		});
	});

	it("App Token › Register (2.1) with an unknown eMSP: GreenFlux's 404 message", async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'appToken',
			operation: 'register',
			appToken: newDriver('bad-emsp'),
			additionalFields: { emspId: 'XX-NOPE' },
		});
		expect(run.error?.message).toBe(
			"GreenFlux found nothing at POST /v2.1/token (HTTP 404): eMSP 'XX-NOPE' not found. (code EMSP_NOT_FOUND) [emspId]",
		);
		expect(await tokenOf(newDriver('bad-emsp'))).toBeUndefined();
	});

	it("Account › Map User and Drivers gives the account and sets the drivers' email", async () => {
		await runChargeAssist(sandbox(), {
			resource: 'appToken',
			operation: 'register',
			appToken: newDriver('mapped'),
			additionalFields: { driverId: 'DRV-N8N-MAP' },
		});
		const run = await runChargeAssist(sandbox(), {
			resource: 'account',
			operation: 'mapUserAndDrivers',
			adId: 'ad-4711',
			domain: 'fleet.example',
			driverIds: 'DRV-N8N-MAP, DRV-UNKNOWN',
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([{ name: 'Sandbox user ad-4711', email: 'ad-4711@fleet.example' }]);
		expect(run.requests[0].body).toEqual({
			adId: 'ad-4711',
			domain: 'fleet.example',
			driverIds: ['DRV-N8N-MAP', 'DRV-UNKNOWN'],
		});
		expect((await tokenOf(newDriver('mapped')))?.email).toBe('ad-4711@fleet.example');
	});
});

describe('Charge Assist › Payment Method', () => {
	it('Get Wallet: one item per payment method, equal to the sandbox wallet', async () => {
		const { appTokens } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'paymentMethod',
			operation: 'getWallet',
			appToken: appTokens.demo,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(await walletOf(appTokens.demo));
		expect(run.json.length).toBeGreaterThanOrEqual(3);
	});

	it('Get Wallet at a location says which payment methods can pay there', async () => {
		const { appTokens, evses, paymentMethods } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'paymentMethod',
			operation: 'getWallet',
			appToken: appTokens.demo,
			options: { locationId: evses.available!.locationId },
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[0].query).toEqual({ locationId: evses.available!.locationId });
		const byId = new Map(run.json.map((p) => [p.id, p.isCompatible]));
		expect(byId.get(paymentMethods.demoVisa)).toBe(true);
		expect(byId.get(paymentMethods.demoBlockedCard)).toBe(false);
	});

	it('Get Wallet of an unregistered app token: the plain-text 404 with the register hint', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'paymentMethod',
			operation: 'getWallet',
			appToken: fixtures().appTokens.unregistered,
		});
		expect(run.error?.message).toBe(
			"GreenFlux found nothing at GET /payment/ca-unregistered-driver/wallet (HTTP 404): Token not registered: 'ca-unregistered-driver'.",
		);
	});
});

describe('Charge Assist › Payment Method (one wallet, step by step)', () => {
	const appToken = newDriver('wallet');
	let cardId = '';
	let pspId = '';
	let externalId = '';

	it('Add Charge Card stores the card in the wallet', async () => {
		await registered(appToken);
		const run = await runChargeAssist(sandbox(), {
			resource: 'paymentMethod',
			operation: 'addChargeCard',
			appToken,
			visualNumber: 'NL-N8N-C0000001-1',
			additionalFields: { displayName: 'Work card' },
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({ type: 'CHARGE_CARD', displayName: 'Work card' });
		expect(run.requests[0]).toMatchObject({
			method: 'PUT',
			path: `/payment/${appToken}/chargecard`,
			body: { visualNumber: 'NL-N8N-C0000001-1', displayName: 'Work card' },
		});
		cardId = String(run.json[0].id);
		expect(await walletOf(appToken)).toEqual([run.json[0]]);
	});

	it('Add PSP stores a card saved with a payment service provider', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'paymentMethod',
			operation: 'addPsp',
			appToken,
			pspSource: 'Adyen',
			pspPaymentMethodId: 'adyen-pm-1',
			additionalFields: {
				cardType: 'MASTER_CARD',
				cardNumberHint: '5454',
				cardAlias: 'Private Mastercard',
				customerOrWalletId: 'adyen-shopper-9',
			},
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({
			type: 'MASTER_CARD',
			externalPaymentMethodId: 'adyen-pm-1',
			cardShortHint: '5454',
			cardAlias: 'Private Mastercard',
		});
		expect(run.requests[0]).toMatchObject({
			method: 'PUT',
			path: `/payment/${appToken}/psp/Adyen/paymentmethod`,
			body: {
				pspPaymentMethodId: 'adyen-pm-1',
				cardType: 'MASTER_CARD',
				cardNumberHint: '5454',
				cardAlias: 'Private Mastercard',
				customerOrWalletId: 'adyen-shopper-9',
			},
		});
		pspId = String(run.json[0].id);
		expect((await walletOf(appToken)).map((p) => p.id)).toContain(pspId);
	});

	it('Link Charge Card links the card to the PSP card', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'paymentMethod',
			operation: 'linkChargeCard',
			appToken,
			chargeCardPaymentMethodId: cardId,
			linkPaymentMethodId: pspId,
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({
			id: cardId,
			linkedPaymentMethodId: pspId,
			linkedPaymentMethod: { id: pspId, type: 'MASTER_CARD' },
		});
		expect((await walletOf(appToken)).find((p) => p.id === cardId)?.linkedPaymentMethodId).toBe(
			pspId,
		);
	});

	it('Unlink Charge Card undoes the link', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'paymentMethod',
			operation: 'unlinkChargeCard',
			appToken,
			chargeCardPaymentMethodId: cardId,
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({ id: cardId, linkedPaymentMethodId: null });
		expect(run.requests[0].body).toEqual({ chargeCardPaymentMethodId: cardId });
		expect(
			(await walletOf(appToken)).find((p) => p.id === cardId)?.linkedPaymentMethodId,
		).toBeNull();
	});

	it('Add External stores your own payment method reference', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'paymentMethod',
			operation: 'addExternal',
			appToken,
			externalPaymentMethodId: 'ext-n8n-42',
			additionalFields: { displayName: 'Fleet account' },
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({
			type: 'EXTERNAL',
			externalPaymentMethodId: 'ext-n8n-42',
			displayName: 'Fleet account',
		});
		expect(run.requests[0]).toMatchObject({
			method: 'PUT',
			path: `/payment/${appToken}/external`,
			body: { externalPaymentMethodId: 'ext-n8n-42', displayName: 'Fleet account' },
		});
		externalId = String(run.json[0].id);
		expect((await walletOf(appToken)).map((p) => p.id).sort()).toEqual(
			[cardId, pspId, externalId].sort(),
		);
	});

	it('Delete removes a payment method and says what was deleted', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'paymentMethod',
			operation: 'delete',
			appToken,
			paymentMethodId: pspId,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([{ deleted: true, appToken, paymentMethodId: pspId }]);
		expect(run.requests[0]).toMatchObject({
			method: 'DELETE',
			path: `/payment/${appToken}/${pspId}`,
			status: 204,
		});
		expect((await walletOf(appToken)).map((p) => p.id).sort()).toEqual([cardId, externalId].sort());
	});

	it("Link Charge Card with a non-card as the card: GreenFlux's v1 validation message and code", async () => {
		const { appTokens, paymentMethods } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'paymentMethod',
			operation: 'linkChargeCard',
			appToken: appTokens.demo,
			chargeCardPaymentMethodId: paymentMethods.demoVisa!,
			linkPaymentMethodId: paymentMethods.demoVisa!,
		});
		expect(run.error?.message).toBe(
			"GreenFlux answered HTTP 400 to POST /payment/ca-demo-driver/chargecard/link: The request is not valid. 'chargeCardPaymentMethodId' is not a charge card. (code INVALID)",
		);
	});
});
