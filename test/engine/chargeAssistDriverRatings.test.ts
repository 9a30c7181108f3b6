import { describe, expect, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { chargeAssistFixtures } from '../sandbox/chargeAssist/fixtures';
import { runChargeAssist, sandboxControl, useSandbox } from './helpers';

const sandbox = useSandbox({ chargeAssistClockMs: 100 });
const fixtures = () => chargeAssistFixtures(sandbox().state);

const ratings = async () =>
	await sandboxControl<{ sessions: IDataObject[]; locations: IDataObject[] }>(
		sandbox(),
		'/__sandbox/chargeassist/ratings',
	);

/** Finished (seeded) sessions of the demo driver, newest first, to rate. */
const finishedSessions = async () =>
	(
		await sandboxControl<IDataObject[]>(
			sandbox(),
			`/__sandbox/chargeassist/sessions?appToken=${fixtures().appTokens.demo}&include=history`,
		)
	)
		.filter((s) => s.status === 'CDR_AVAILABLE')
		.map((s) => String(s.sessionId))
		.reverse();

describe('Charge Assist › Session Rating', () => {
	it('Get Options: one item per rating option', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'sessionRating',
			operation: 'getOptions',
		});
		expect(run.error).toBeUndefined();
		expect(run.json.length).toBeGreaterThan(2);
		expect(run.json).toContainEqual({
			key: 'COST_UNCLEAR',
			description: 'The costs were not clear',
		});
		expect(run.requests).toEqual([
			expect.objectContaining({ method: 'GET', path: '/sessionrating/ratingoptions' }),
		]);
	});

	it('Create rates a finished session with stars, options and text at once', async () => {
		const { appTokens } = fixtures();
		const [sessionId] = await finishedSessions();
		const run = await runChargeAssist(sandbox(), {
			resource: 'sessionRating',
			operation: 'create',
			appToken: appTokens.demo,
			chargeSessionId: sessionId,
			additionalFields: {
				starRating: 4,
				ratingOptions: 'FAST_START, COST_UNCLEAR',
				feedbackText: 'Quick start, unclear price',
			},
		});
		expect(run.error).toBeUndefined();
		const expected = {
			sessionId,
			appToken: appTokens.demo,
			ratingOptions: ['FAST_START', 'COST_UNCLEAR'],
			feedbackText: 'Quick start, unclear price',
			starRating: 4,
		};
		expect(run.json).toEqual([expected]);
		expect(run.requests[0]).toMatchObject({
			method: 'POST',
			path: '/sessionrating',
			body: {
				appToken: appTokens.demo,
				sessionId,
				starRating: 4,
				ratingOptions: ['FAST_START', 'COST_UNCLEAR'],
				feedbackText: 'Quick start, unclear price',
			},
		});
		expect((await ratings()).sessions).toContainEqual(expected);
	});

	it('Rate gives stars only', async () => {
		const { appTokens } = fixtures();
		const [, sessionId] = await finishedSessions();
		const run = await runChargeAssist(sandbox(), {
			resource: 'sessionRating',
			operation: 'rate',
			appToken: appTokens.demo,
			chargeSessionId: sessionId,
			starRating: 2,
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({ sessionId, starRating: 2, ratingOptions: [] });
		expect(run.requests[0]).toMatchObject({
			path: '/sessionrating/rating',
			body: { appToken: appTokens.demo, sessionId, starRating: 2 },
		});
		expect((await ratings()).sessions.find((r) => r.sessionId === sessionId)).toMatchObject({
			starRating: 2,
		});
	});

	it('Add Feedback adds options and text to the rating', async () => {
		const { appTokens } = fixtures();
		const [, sessionId] = await finishedSessions();
		const run = await runChargeAssist(sandbox(), {
			resource: 'sessionRating',
			operation: 'addFeedback',
			appToken: appTokens.demo,
			chargeSessionId: sessionId,
			additionalFields: { ratingOptions: 'SLOW_CHARGING', feedbackText: 'Slow' },
		});
		expect(run.error).toBeUndefined();
		const expected = {
			sessionId,
			appToken: appTokens.demo,
			ratingOptions: ['SLOW_CHARGING'],
			feedbackText: 'Slow',
			starRating: 2,
		};
		expect(run.json).toEqual([expected]);
		expect(run.requests[0]).toMatchObject({ path: '/sessionrating/feedback' });
		expect((await ratings()).sessions.find((r) => r.sessionId === sessionId)).toEqual(expected);
	});

	it('Get reads the rating of a session', async () => {
		const [, sessionId] = await finishedSessions();
		const run = await runChargeAssist(sandbox(), {
			resource: 'sessionRating',
			operation: 'get',
			chargeSessionId: sessionId,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([(await ratings()).sessions.find((r) => r.sessionId === sessionId)]);
		expect(run.requests[0]).toMatchObject({
			method: 'GET',
			path: `/sessionrating/${sessionId}`,
		});
	});

	it("Add Feedback with an unknown rating option: GreenFlux's v1 validation message", async () => {
		const { appTokens } = fixtures();
		const [sessionId] = await finishedSessions();
		const run = await runChargeAssist(sandbox(), {
			resource: 'sessionRating',
			operation: 'addFeedback',
			appToken: appTokens.demo,
			chargeSessionId: sessionId,
			additionalFields: { ratingOptions: 'NO_SUCH_OPTION' },
		});
		expect(run.error?.message).toBe(
			"GreenFlux answered HTTP 400 to POST /sessionrating/feedback: The request is not valid. 'ratingOptions' contains an unknown option: NO_SUCH_OPTION. (code INVALID)",
		);
	});
});

describe('Charge Assist › Location Rating', () => {
	it('Get Options: one item per rating option with its sub-options', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'locationRating',
			operation: 'getOptions',
		});
		expect(run.error).toBeUndefined();
		expect(run.json.length).toBeGreaterThan(1);
		expect(run.json.find((o) => o.key === 'CHARGER')).toMatchObject({
			subRatingOptions: expect.arrayContaining([{ key: 'BROKEN', description: 'Out of order' }]),
		});
		expect(run.requests[0].path).toBe('/locationrating/ratingoptions');
	});

	it('Create stores a rating of a location with option feedbacks', async () => {
		const { appTokens, evses } = fixtures();
		const { locationId, evseUid } = evses.available!;
		const feedbacks = [
			{ ratingOptionKey: 'CHARGER', subRatingOptions: ['DAMAGED_CABLE'], feedbackText: 'Loose' },
		];
		const run = await runChargeAssist(sandbox(), {
			resource: 'locationRating',
			operation: 'create',
			appToken: appTokens.demo,
			locationId,
			additionalFields: {
				evseUid,
				feedbackText: 'Nice spot',
				ratingOptionFeedbacks: JSON.stringify(feedbacks),
			},
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({
			id: expect.any(String),
			appToken: appTokens.demo,
			locationId,
			evseUid,
			feedbackText: 'Nice spot',
			ratingOptionFeedbacks: feedbacks,
		});
		expect(run.requests[0]).toMatchObject({
			method: 'POST',
			path: '/locationrating',
			body: {
				appToken: appTokens.demo,
				locationId,
				evseUid,
				feedbackText: 'Nice spot',
				ratingOptionFeedbacks: feedbacks,
			},
		});
		expect((await ratings()).locations).toContainEqual(run.json[0]);
	});
});
