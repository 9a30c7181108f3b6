import { describe, expect, it } from '@jest/globals';

import { chargeAssistErrorStatement, platformErrorStatement } from '../../nodes/shared/errorBodies';

describe('what GreenFlux said in an error body', () => {
	it('Charge Assist ValidationResponse (v1): the message, then every validation message with its code', () => {
		const statement = chargeAssistErrorStatement({
			message: 'The request is not valid.',
			developerMessage: 'see validationMessages',
			validationMessages: [
				{ code: 'REQUIRED', message: "'locationId' is required." },
				{ code: 'NOT_FOUND', message: "'evseUid' X is unknown." },
			],
		});
		expect(statement.said).toBe(
			"The request is not valid. 'locationId' is required. (code REQUIRED); 'evseUid' X is unknown. (code NOT_FOUND)",
		);
		expect(statement.details).toMatchObject({
			codes: ['REQUIRED', 'NOT_FOUND'],
			developerMessage: 'see validationMessages',
		});
	});

	it('a message repeated as a validation message is said once', () => {
		const statement = chargeAssistErrorStatement({
			message: "CDR 'X' not found.",
			validationMessages: [{ code: 'NOT_FOUND', message: "CDR 'X' not found." }],
		});
		expect(statement.said).toBe("CDR 'X' not found. (code NOT_FOUND)");
	});

	it('Charge Assist ValidationResponseV2 (v2.1): message, code and context', () => {
		const statement = chargeAssistErrorStatement({
			message: 'Unknown payment method.',
			code: 'NOT_FOUND',
			context: 'paymentMethodId',
			validationStatus: 'Error',
		});
		expect(statement.said).toBe('Unknown payment method. (code NOT_FOUND) [paymentMethodId]');
		expect(statement.details).toEqual({ code: 'NOT_FOUND', validationStatus: 'Error' });
	});

	it('Charge Assist ProblemDetails (tariffs): title and detail', () => {
		const statement = chargeAssistErrorStatement({
			type: 'https://tools.ietf.org/html/rfc7231#section-6.5.4',
			title: 'Not Found',
			status: 404,
			detail: 'No tariff for this EVSE.',
		});
		expect(statement.said).toBe('Not Found: No tariff for this EVSE.');
	});

	it('Charge Assist BadRequestObjectResult (availability): its value', () => {
		const statement = chargeAssistErrorStatement({
			value: 'Between 1 and 20 location ids are required.',
			formatters: [],
			contentTypes: [],
			declaredType: null,
			statusCode: 400,
		});
		expect(statement.said).toBe('Between 1 and 20 location ids are required.');
	});

	it('plain strings as they are; Platform envelopes by their status_message', () => {
		expect(chargeAssistErrorStatement('Invalid token used').said).toBe('Invalid token used');
		expect(
			platformErrorStatement({ status_code: 2001, status_message: 'Bad date', timestamp: 'x' })
				.said,
		).toBe('Bad date');
		expect(platformErrorStatement({ title: 'Oops' }).said).toBe('Oops');
	});
});

describe('Smart Charging (ASP.NET problem details)', () => {
	it('names every field GreenFlux complained about', () => {
		const statement = chargeAssistErrorStatement({
			type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
			title: 'One or more validation errors occurred.',
			status: 400,
			errors: { min_allocation_amps: ['Must be at least 6.'] },
		});
		expect(statement.said).toBe(
			'One or more validation errors occurred. min_allocation_amps: Must be at least 6.',
		);
	});
});
