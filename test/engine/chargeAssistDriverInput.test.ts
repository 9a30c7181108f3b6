import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { runChargeAssist, useSandbox } from './helpers';

const sandbox = useSandbox({ chargeAssistClockMs: 100 });

const DRIVER = 'ca-demo-driver';
const SESSION = 'dd815b43-5130-4346-b02c-4eac672289f4';

const mileage = (value: unknown): INodeParameters => ({
	resource: 'session',
	operation: 'setMileage',
	appToken: DRIVER,
	chargeSessionId: SESSION,
	mileage: value as number,
});

const history = (extra: INodeParameters): INodeParameters => ({
	resource: 'session',
	operation: 'getHistory',
	appToken: DRIVER,
	...extra,
});

const start = (extra: INodeParameters): INodeParameters => ({
	resource: 'session',
	operation: 'start',
	appToken: DRIVER,
	locationId: 'nl-gfx-ebaa90d9-09cc-413a-ac42-715b7510c2e9',
	evseUid: 'NL-GFX-E0001-1',
	paymentMethodId: 'pm-1',
	waitForStatus: true,
	...extra,
});

/** Bad input the node refuses before sending anything, with the field it names. */
const CASES: Array<[string, INodeParameters, string]> = [
	[
		'a mileage that is not a number',
		mileage('={{ "abc" }}'),
		'Mileage: "abc" is not a number of kilometres (0 or more)',
	],
	[
		'a mileage with a unit',
		mileage('={{ "48250 km" }}'),
		'Mileage: "48250 km" is not a number of kilometres (0 or more)',
	],
	['a negative mileage', mileage(-5), 'Mileage: "-5" is not a number of kilometres (0 or more)'],
	['a Limit of 0', history({ limit: 0 }), 'Limit: must be a whole number of 1 or more (got 0)'],
	[
		'Started From after Started Before',
		history({
			returnAll: true,
			filters: { dateTimeFrom: '2026-10-01T00:00:00Z', dateTimeTo: '2026-09-01T00:00:00Z' },
		}),
		'Filters → Started From must be before Started Before',
	],
	[
		'a Started From that is not a date',
		history({ returnAll: true, filters: { dateTimeFrom: 'last autumn' } }),
		'Filters → Started From: "last autumn" is not a date GreenFlux can use (use ISO 8601, e.g. 2026-01-31T00:00:00Z)',
	],
	[
		'Max Data Points that is not a number',
		{
			resource: 'session',
			operation: 'getStatus',
			appToken: DRIVER,
			chargeSessionId: SESSION,
			options: { maxDataPoints: '={{ "many" }}' },
		},
		'Options → Max Data Points: "many" is not a number',
	],
	[
		'a poll interval of 0',
		start({ pollInterval: 0 }),
		'Poll Interval (Seconds): must be more than 0 (got 0)',
	],
	[
		'a timeout over an hour',
		start({ waitTimeout: 7200 }),
		'Timeout (Seconds): must be more than 0 and at most 3600 (got 7200)',
	],
	[
		'a stop without a charge session ID',
		{ resource: 'session', operation: 'stop', appToken: DRIVER, chargeSessionId: '={{ "" }}' },
		'Charge Session ID: is required',
	],
	[
		'6 stars',
		{
			resource: 'sessionRating',
			operation: 'rate',
			appToken: DRIVER,
			chargeSessionId: SESSION,
			starRating: 6,
		},
		'Star Rating: must be a whole number from 1 to 5 (got 6)',
	],
	[
		'half a star in Create',
		{
			resource: 'sessionRating',
			operation: 'create',
			appToken: DRIVER,
			chargeSessionId: SESSION,
			additionalFields: { starRating: 3.5 },
		},
		'Additional Fields → Star Rating: must be a whole number from 1 to 5 (got 3.5)',
	],
	[
		'rating option feedbacks that are not JSON',
		{
			resource: 'locationRating',
			operation: 'create',
			appToken: DRIVER,
			locationId: 'nl-gfx-1',
			additionalFields: { ratingOptionFeedbacks: '[{"ratingOptionKey": ' },
		},
		'Additional Fields → Rating Option Feedbacks (JSON): is not valid JSON',
	],
	[
		'rating option feedbacks without a key',
		{
			resource: 'locationRating',
			operation: 'create',
			appToken: DRIVER,
			locationId: 'nl-gfx-1',
			additionalFields: { ratingOptionFeedbacks: '[{"subRatingOptions": ["BROKEN"]}]' },
		},
		'Additional Fields → Rating Option Feedbacks (JSON): entry 1 needs a "ratingOptionKey" (and "subRatingOptions" as a list)',
	],
	[
		'a full card number as card number hint',
		{
			resource: 'paymentMethod',
			operation: 'addPsp',
			appToken: DRIVER,
			pspSource: 'Stripe',
			pspPaymentMethodId: 'pm_1',
			additionalFields: { cardNumberHint: '4242424242424242' },
		},
		'Additional Fields → Card Number Hint: must be the last 4 digits of the card (got "4242424242424242")',
	],
	[
		'driver IDs left empty',
		{
			resource: 'account',
			operation: 'mapUserAndDrivers',
			adId: 'ad-1',
			domain: 'x.example',
			driverIds: '={{ "" }}',
		},
		'Driver IDs: is required',
	],
];

describe('Charge Assist driver operations: bad input fails before any request', () => {
	it.each(CASES)('%s', async (_case, parameters, message) => {
		const run = await runChargeAssist(sandbox(), parameters);
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toBe(message);
		expect(run.requests).toHaveLength(0);
	});

	it('bad input says that nothing was sent', async () => {
		const run = await runChargeAssist(sandbox(), mileage('={{ "abc" }}'));
		expect(String((run.error as { description?: string }).description)).toBe(
			'Give the odometer reading as a number of kilometres without units, e.g. 48250. No request was sent to GreenFlux.',
		);
	});

	it('with Continue On Fail, each item with bad input becomes an error item', async () => {
		const failing = await runChargeAssist(sandbox(), mileage('={{ $json.km }}'), {
			inputItems: [{ km: 'twelve' }, { km: 'thirteen' }],
			continueOnFail: true,
		});
		expect(failing.json).toEqual([
			expect.objectContaining({
				error: 'Mileage: "twelve" is not a number of kilometres (0 or more)',
			}),
			expect.objectContaining({
				error: 'Mileage: "thirteen" is not a number of kilometres (0 or more)',
			}),
		]);
		expect(failing.requests).toHaveLength(0);
	});
});
