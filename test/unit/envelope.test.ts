import { describe, expect, it } from '@jest/globals';

import { asList, asSingle, envelopeStatus, unwrapEnvelope } from '../../nodes/shared/envelope';

describe('OCPI envelope', () => {
	it('reads status_code as a number or a string', () => {
		expect(envelopeStatus({ status_code: 1000, timestamp: 't' })).toEqual({
			code: 1000,
			message: '',
		});
		expect(
			envelopeStatus({
				status_code: '2000',
				status_message: "Can't find chargeStation",
				timestamp: 't',
			}),
		).toEqual({
			code: 2000,
			message: "Can't find chargeStation",
		});
	});

	it('reads the batch-configuration `status` variant only when it is a code', () => {
		expect(envelopeStatus({ status: '1000', timestamp: 't', data: {} })?.code).toBe(1000);
		expect(envelopeStatus({ status: 'InProgress', timestamp: 't' })).toBeUndefined();
		expect(envelopeStatus({ status: 'Operational' })).toBeUndefined();
	});

	it('leaves bare bodies alone and unwraps data (or the `date` typo)', () => {
		expect(unwrapEnvelope([1, 2])).toEqual([1, 2]);
		expect(unwrapEnvelope({ id: 'x' })).toEqual({ id: 'x' });
		expect(unwrapEnvelope({ data: [{ id: 1 }], status_code: 1000, timestamp: 't' })).toEqual([
			{ id: 1 },
		]);
		expect(
			unwrapEnvelope({ date: { result: 'ACCEPTED' }, status_code: 1000, timestamp: 't' }),
		).toEqual({ result: 'ACCEPTED' });
		expect(unwrapEnvelope({ status_code: 1000, timestamp: 't' })).toBeUndefined();
	});

	it('normalises object-or-array data', () => {
		expect(asList({ id: 1 })).toEqual([{ id: 1 }]);
		expect(asList([{ id: 1 }, { id: 2 }])).toHaveLength(2);
		expect(asList(undefined)).toEqual([]);
		expect(asSingle([{ id: 1 }, { id: 2 }])).toEqual({ id: 1 });
		expect(asSingle({ id: 3 })).toEqual({ id: 3 });
		expect(asSingle('text')).toBeUndefined();
	});
});
